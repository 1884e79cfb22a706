"""Video pages: my videos, a member's videos, upload, a video for this handset, edit, delete."""
from __future__ import annotations

from typing import Any

from flask import current_app, g, redirect, render_template, request, url_for
from werkzeug.routing import BuildError
from werkzeug.wrappers import Response

from carriers.video import playback_for
from keitai.auth import logged_in_member, member_required
from keitai.domain import DomainError
from keitai.errors import refusal
from keitai.features.profile import images
from keitai.features.profile.photo_views import signed_query
from keitai.features.social import (
    per_page,
    redirect_with_notice,
    small_page,
    take_notice,
    visible_member,
)
from keitai.features.videos import bp, queries, service
from keitai.features.videos.files import POSTER_EXTENSIONS, signed_key
from keitai.moderation.hidden import HIDDEN_TEXT, video_hidden
from keitai.pagination import PAGE_PARAM, page_number
from keitai.premium import is_premium
from keitai.privacy import Visibility

#: room a multipart upload needs besides the file (boundaries, the CSRF field)
FORM_ROOM = 64 * 1024
#: where the premium page is when its feature is not there (another helper builds it)
PREMIUM_PATH = "/premium"
#: the endpoint of the page that tells a member their posting address (posting by mail)
MAIL_POST_ENDPOINTS = ("mail_post.settings",)


@bp.url_value_preprocessor
def allow_video_upload(endpoint: str | None, values: dict[str, Any] | None) -> None:
    """Let the upload form's POST be as large as a video may be (before the form is read)."""
    if endpoint == "videos.new" and request.method == "POST":
        request.max_content_length = current_app.config["VIDEO_MAX_BYTES"] + FORM_ROOM


def premium_url() -> str:
    """Return the address of the premium page."""
    try:
        return url_for("premium.page")
    except BuildError:
        return PREMIUM_PATH


def mail_post_url() -> str | None:
    """Return the address of the page with the member's posting address, if there is one."""
    for endpoint in MAIL_POST_ENDPOINTS:
        try:
            return url_for(endpoint)
        except BuildError:
            continue
    return None


def size_label(size: int) -> str:
    """Return a file size as a handset user reads it: "123KB", "1.4MB"."""
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f}MB"
    return f"{max(1, round(size / 1024))}KB"


@bp.get("/videos")
@member_required
def mine() -> str:
    """List my videos, each with its state; how many more I may keep."""
    me = logged_in_member()
    page = queries.member_videos(me.id, me.id, page_number(request.args.get(PAGE_PARAM)),
                                 per_page())
    return render_template("video_list.html", owner=me, mine=True, page=page,
                           usage=service.usage(me.id), premium=is_premium(me.id),
                           premium_url=premium_url(), notice=take_notice())


@bp.get("/members/<int:member_id>/videos")
@member_required
def member_list(member_id: int) -> str | Response:
    """List a member's videos the viewer may see, newest first."""
    me = logged_in_member()
    if member_id == me.id:
        return redirect(url_for("videos.mine"))
    owner = visible_member(member_id, me.id)
    page = queries.member_videos(owner.id, me.id, page_number(request.args.get(PAGE_PARAM)),
                                 per_page())
    return render_template("video_list.html", owner=owner, mine=False, page=page,
                           usage=None, premium=False, premium_url=None, notice=None)


@bp.route("/videos/new", methods=["GET", "POST"])
@member_required
def new() -> str | Response:
    """Show the upload form (one file field); store an upload and queue its making."""
    me = logged_in_member()
    error = None
    if request.method == "POST":
        upload = request.files.get("video")
        data = upload.read() if upload is not None else b""
        try:
            video_id = service.add_video(me.id, data, title="", source="web")
        except DomainError as refused:
            error = refusal(refused)
            if isinstance(refused, service.NotPremium):
                error = None  # the page says it, with the way to premium
        else:
            return redirect_with_notice(url_for("videos.show", video_id=video_id),
                                        "動画を受け付けました。変換が終わるまでお待ちください。")
    return render_template(
        "video_new.html", error=error, premium=is_premium(me.id),
        premium_url=premium_url(), mail_url=mail_post_url(),
        uploads=playback_for(g.handset).uploads_files,
        max_mb=current_app.config["VIDEO_MAX_BYTES"] // service.MB)


def _signed(endpoint: str, video_id: int, signed_as: str, viewer_id: int,
            **values: Any) -> str:
    """Return the address of a video's file signed for the viewer (see photo_links)."""
    query = signed_query(signed_key(video_id), signed_as, viewer_id)
    return url_for(endpoint, video_id=video_id, **values, **query)


def poster_on_page(video_id: int, viewer_id: int) -> dict[str, object]:
    """Return the poster's address for this handset, and whether it is shown inline."""
    variant = images.variant_for(g.handset)
    parsed = images.parse_variant(variant)
    fmt = parsed[0] if parsed is not None else "jpeg"
    url = _signed("videos.poster", video_id, f"poster-{variant}", viewer_id,
                  variant=variant, ext=POSTER_EXTENSIONS[fmt])
    return {"url": url, "inline": not small_page()}


def offer_for(video_id: int, title: str, files: dict[str, Any],
              viewer_id: int) -> tuple[dict[str, object] | None, str | None]:
    """Return how this handset gets the video (address, size, markup), or None and a note."""
    playback = playback_for(g.handset)
    fmt = playback.format
    file = files.get(fmt.name) if fmt is not None else None
    if fmt is None or file is None:
        return None, "この機種では動画を再生できません。"
    if not playback.plays(file.size):
        return None, (f"この機種で再生できる大きさ({size_label(playback.max_bytes or 0)})を"
                      "超えているため、再生できません。")
    url = _signed("videos.file", video_id, fmt.name, viewer_id, name=fmt.name,
                  ext=fmt.extension)
    seconds = round((file.duration_ms or 0) / 1000)
    return {"url": url, "embed": playback.embed, "content_type": fmt.content_type,
            "size": file.size, "size_label": size_label(file.size), "label": fmt.label,
            "title": title, "shortened": seconds if file.shortened else None,
            "object_id": f"v{video_id}"}, None


@bp.get("/videos/<int:video_id>")
@member_required
def show(video_id: int) -> str:
    """Show a video as this handset plays it: link or player, poster, title and state."""
    me = logged_in_member()
    found = queries.visible_video(video_id, me.id)
    if found is None:
        raise service.VideoNotFound()
    video, nickname = found
    offer = note = poster = None
    if video.state == "ready" and video_hidden(video.id):  # an operator hid it
        note = HIDDEN_TEXT
    elif video.state == "ready":
        files = queries.video_files(video.id)
        offer, note = offer_for(video.id, video.title, files, me.id)
        poster = poster_on_page(video.id, me.id) if "poster" in files else None
    return render_template("video_show.html", video=video, nickname=nickname,
                           mine=video.owner_id == me.id, offer=offer, note=note,
                           poster=poster, visibility_label=Visibility(video.visibility).label,
                           notice=take_notice())


@bp.route("/videos/<int:video_id>/edit", methods=["GET", "POST"])
@member_required
def edit(video_id: int) -> str | Response:
    """Change the title of my video and who may see it."""
    video = service.own_video_or_refuse(video_id, logged_in_member().id)
    title, visibility, error = video.title, video.visibility, None
    if request.method == "POST":
        title = request.form.get("title", "")
        visibility = request.form.get("visibility", video.visibility)
        try:
            service.update_video(video, title, visibility)
        except DomainError as refused:
            error = refusal(refused)
        else:
            return redirect_with_notice(url_for("videos.show", video_id=video_id),
                                        "保存しました。")
    return render_template("video_edit.html", video=video, title=title, visibility=visibility,
                           visibilities=list(Visibility), title_max=service.TITLE_MAX,
                           error=error)


@bp.route("/videos/<int:video_id>/delete", methods=["GET", "POST"])
@member_required
def delete(video_id: int) -> str | Response:
    """Ask, then delete my video and its files."""
    me = logged_in_member()
    if request.method == "POST":
        if service.delete_video(video_id, me.id):
            return redirect_with_notice(url_for("videos.mine"), "動画を削除しました。")
        service.own_video_or_refuse(video_id, me.id)  # someone else's, or none: refused
        return redirect(url_for("videos.mine"))
    video = service.own_video_or_refuse(video_id, me.id)
    return render_template("video_delete.html", video=video)
