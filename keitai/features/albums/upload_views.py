"""Sending photos from a form: into one of my albums, or onto one of my diaries.

The form has one file field and nothing a member types (a multipart form cannot carry
Shift_JIS text safely through the gateway): the caption is written afterwards. Handsets
whose browser cannot send a file (carriers.uploads) are told to post by mail instead.
"""
from __future__ import annotations

from flask import g, render_template, request, url_for
from werkzeug.wrappers import Response

from carriers.uploads import can_upload_files
from keitai import submit_keys
from keitai.auth import member_required
from keitai.domain import DomainError
from keitai.errors import refusal
from keitai.features.albums import bp, pictures, quota, service
from keitai.features.diary.service import own_diary_or_refuse
from keitai.features.profile import optional_url
from keitai.features.profile.photo_views import MAIL_POST_PATH
from keitai.features.social import me_id, redirect_with_notice

ADDED = "写真を追加しました。表示の準備ができるまで少しお待ちください。"


def mail_post_url() -> str:
    """Return the address of the page that tells how to post photos by mail."""
    return optional_url("mail_post.settings") or MAIL_POST_PATH


def _sent_upload() -> bytes:
    upload = request.files.get("photo")
    return upload.read() if upload is not None else b""


def _render(target: dict[str, object], error: str | None, key: str) -> str:
    return render_template("album_upload.html", target=target, error=error, key=key,
                           can_upload=can_upload_files(g.handset),
                           usage=quota.usage(me_id()), mail_post=mail_post_url())


def _receive(target: dict[str, object], back: str, *, album_id: int | None = None,
             diary_id: int | None = None) -> str | Response:
    """Show the form, or store what it sent and go back to the album or diary."""
    key = submit_keys.sent_key(request.form.get(submit_keys.FIELD))
    if request.method == "GET":
        return _render(target, None, submit_keys.new_key())
    data = _sent_upload()
    if not data:
        return _render(target, "写真を選んでください。", key)
    try:
        pictures.add_picture(me_id(), data, album_id=album_id, diary_id=diary_id, key=key)
    except DomainError as refused:
        return _render(target, refusal(refused), submit_keys.new_key())
    return redirect_with_notice(back, ADDED)


@bp.route("/albums/<int:album_id>/upload", methods=["GET", "POST"])
@member_required
def upload(album_id: int) -> str | Response:
    """Add a photo to my album."""
    album = service.own_album_or_refuse(album_id, me_id())
    back = url_for("albums.show", album_id=album.id)
    target: dict[str, object] = {"title": album.title, "back": back, "kind": "アルバム",
                                 "action": url_for("albums.upload", album_id=album.id)}
    return _receive(target, back, album_id=album.id)


@bp.route("/diary/<int:diary_id>/photos", methods=["GET", "POST"])
@member_required
def diary_upload(diary_id: int) -> str | Response:
    """Add a photo to my diary (up to three)."""
    diary = own_diary_or_refuse(diary_id, me_id())
    back = url_for("diary.show", diary_id=diary.id)
    target: dict[str, object] = {"title": diary.title, "back": back, "kind": "日記",
                                 "action": url_for("albums.diary_upload", diary_id=diary.id),
                                 "limit": pictures.DIARY_PICTURES}
    return _receive(target, back, diary_id=diary.id)
