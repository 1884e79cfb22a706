"""The photo pages: upload (from a PC or a handset that can send files), delete, serve."""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from flask import Response, abort, g, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from carriers.uploads import can_upload_files
from keitai.auth import member_required
from keitai.domain import DomainError
from keitai.errors import refusal
from keitai.features.profile import bp, images, optional_url, photo_links, photo_service
from keitai.features.social import me_id, redirect_with_notice, small_page, take_notice
from keitai.models.photo import PHOTO_SLOTS
from keitai.numbers import parse_number

#: where members read how to post by mail (the mail posting feature's settings page)
MAIL_POST_PATH = "/settings/mail_post"


def _render_form(error: str | None, notice: str | None) -> str:
    """Render my photos page: the three slots, the form to send one, the choices."""
    me = me_id()
    stored = photo_service.member_photos(me)
    # the photos together take at most what one photo may (half of what the handset holds)
    fits = _fit_together(len(stored))
    photos = [{"slot": photo.slot, "main": photo.is_main,
               **photo_on_page("profile.photo", photo.key, me, key=photo.key,
                               with_extension=True)}
              for photo in stored]
    for shown in photos:
        shown["inline"] = bool(shown["inline"]) and fits
    return render_template("profile_photo.html", error=error, notice=notice, photos=photos,
                           slots=PHOTO_SLOTS, can_upload=can_upload_files(g.handset),
                           mail_post=optional_url("mail_post.settings") or MAIL_POST_PATH)


def _fit_together(count: int) -> bool:
    """Return True when count photos of this handset's variant fit one picture's budget."""
    budget = images.picture_budget(g.handset)
    parsed = images.parse_variant(images.variant_for(g.handset))
    if budget is None or parsed is None:
        return True
    fmt, gray, width = parsed
    return count * images.estimated_bytes(fmt + ("g" if gray else ""), width) <= budget


@bp.route("/settings/photo", methods=["GET", "POST"])
@member_required
def photo_form() -> BaseResponse | str:
    """Show my photos; store an upload in a free slot (one file field: nothing to decode)."""
    if request.method == "GET":
        return _render_form(None, take_notice())
    upload = request.files.get("photo")
    data = upload.read() if upload is not None else b""
    if not data:
        return _render_form("写真を選んでください。", None)
    try:
        photo_service.store_photo(me_id(), data)
    except DomainError as refused:
        return _render_form(refusal(refused), None)
    return redirect_with_notice(url_for("profile.photo_form"), "写真を登録しました。")


def _slot() -> int | None:
    return parse_number(request.form.get("slot"))


@bp.post("/settings/photo/delete")
@member_required
def photo_delete() -> BaseResponse:
    """Remove one of my photos (the main one when the form names none)."""
    photo_service.delete_photo(me_id(), _slot())
    return redirect_with_notice(url_for("profile.photo_form"), "写真を削除しました。")


@bp.post("/settings/photo/main")
@member_required
def photo_main() -> BaseResponse:
    """Make one of my photos the main one."""
    slot = _slot()
    if slot is None or not photo_service.set_main(me_id(), slot):
        return redirect_with_notice(url_for("profile.photo_form"), "写真が見つかりません。")
    return redirect_with_notice(url_for("profile.photo_form"), "メインの写真を変更しました。")


def signed_query(signed_key: str, variant: str, viewer_id: int) -> dict[str, Any]:
    """Return the query of an image (or video) address signed for the viewer on this handset.

    On a handset that sends its i-mode ID only to guid=ON addresses, the query carries
    guid=ON too: the gateway adds it to links and forms, not to <img src> or <object data>,
    and a cookie of a session bound to the i-mode ID that comes without the ID is refused
    (the member would be logged out by looking at a photo).
    """
    query: dict[str, Any] = {photo_links.PARAM: photo_links.signature(signed_key, variant,
                                                                      viewer_id, time.time())}
    if g.handset.wants_guid:
        query["guid"] = "ON"
    return query


def photo_on_page(endpoint: str, signed_key: str, viewer_id: int, *,
                  with_extension: bool = False, **values: Any) -> dict[str, object]:
    """Return what a page needs to show a photo to the viewer on this handset: its address
    (the endpoint with values, the variant the handset is served and a signature naming the
    viewer, made for signed_key) and whether it is shown inline, else as a link.

    with_extension: the address's variant part ends in its format's extension
    ("jpeg-240.jpg"), for routes that take one (old SoftBank shows images only then).
    """
    variant = images.variant_for(g.handset)
    shown = images.file_name(variant) if with_extension else variant
    query = signed_query(signed_key, variant, viewer_id)
    return {"url": url_for(endpoint, variant=shown, **values, **query),
            "inline": not small_page()}


#: the variant of a photo thumbnail on PCs and smartphones, linked to the larger photo
THUMB_VARIANT = "jpeg-120"


def thumbnail_on_page(endpoint: str, signed_key: str, viewer_id: int,
                      size: tuple[int, int], **values: Any) -> dict[str, object]:
    """Return a photo's thumbnail for a PC or smartphone page: its address (the endpoint with
    values, signed for the viewer) and its width and height (size: the stored photo's)."""
    query = signed_query(signed_key, THUMB_VARIANT, viewer_id)
    width, height = images.variant_size(*size, THUMB_VARIANT)
    return {"url": url_for(endpoint, variant=images.file_name(THUMB_VARIANT), **values,
                           **query),
            "width": width, "height": height}


@dataclass(frozen=True)
class Viewer:
    """Who asks for a photo."""

    member_id: int
    #: when the signed address stops working; None when the session alone names the viewer
    expires_at: int | None


@bp.get("/photos/<key>/<variant>")
def photo(key: str, variant: str) -> Response:
    """Serve a photo variant ("jpeg-240.jpg") to a member who may see its owner's page; to
    anyone else, 404.

    A 404, never a 403, so that a key is not confirmed to exist.
    """
    if "." in variant:  # "jpeg-240.jpg", as pages write it; the bare name still works
        named = images.variant_of_file(variant)
        if named is None:
            abort(404)
        variant = named
    now = time.time()
    viewer = photo_viewer(key, variant, now)
    if viewer is None:
        abort(404)
    found = photo_service.photo_variant(key, variant, viewer.member_id)
    if found is None:
        abort(404)
    return image_response(found, viewer, now)


def image_response(found: tuple[bytes, str], viewer: Viewer, now: float) -> Response:
    """Return an image (bytes, content type) as the viewer may keep it: for as long as its
    signed address works, or not at all when the session alone named the viewer."""
    data, content_type = found
    response = Response(data, content_type=content_type)
    if viewer.expires_at is None:
        response.headers["Cache-Control"] = "private, no-cache"
    else:  # the handset may keep the image as long as its address works
        response.headers["Cache-Control"] = f"private, max-age={viewer.expires_at - int(now)}"
    return response


def photo_viewer(key: str, variant: str, now: float) -> Viewer | None:
    """Return who asks for the photo: the member its signed address was made for, else the
    member logged in with this request's session.

    The signature is what names the viewer of an <img> fetch: cookie-less handsets send no
    session token with it, and docomo no i-mode ID. A session that names another member than
    the signature means the address was passed on, so it is refused; so is a signature that
    is forged, altered or expired, whatever session comes with it.
    """
    state = g.get("session")
    session_member = state.member_id if state is not None else None
    value = request.args.get(photo_links.PARAM)
    if value is None:
        return Viewer(session_member, None) if session_member is not None else None
    signed = photo_links.signed_viewer(key, variant, value, now)
    if signed is None or session_member not in (None, signed.viewer_id):
        return None
    return Viewer(signed.viewer_id, signed.expires_at)
