"""Album pages: my albums, a member's, an album with its thumbnails, the album form, delete."""
from __future__ import annotations

from flask import g, render_template, request, url_for
from werkzeug.wrappers import Response

from keitai import submit_keys
from keitai.auth import logged_in_member, member_required
from keitai.domain import DomainError
from keitai.errors import refusal
from keitai.features.albums import bp, budget, pictures, queries, quota, service, variants
from keitai.features.social import (
    me_id,
    per_page,
    redirect_with_notice,
    take_notice,
    visible_member,
)
from keitai.pagination import PAGE_PARAM, page_number
from keitai.privacy import Visibility


def _page() -> int:
    return page_number(request.args.get(PAGE_PARAM))


@bp.get("/albums")
@member_required
def mine() -> str:
    """List my albums, with how much of my photo quota I use."""
    me = logged_in_member()
    page = queries.member_albums(me.id, me.id, _page(), per_page())
    return render_template("album_list.html", owner=me, mine=True, page=page,
                           usage=quota.usage(me.id), labels=_labels(), notice=take_notice())


@bp.get("/members/<int:member_id>/albums")
@member_required
def member_albums(member_id: int) -> str:
    """List a member's albums the viewer may see."""
    me = logged_in_member()
    owner = me if member_id == me.id else visible_member(member_id, me.id)
    page = queries.member_albums(owner.id, me.id, _page(), per_page())
    return render_template("album_list.html", owner=owner, mine=owner is me, page=page,
                           usage=quota.usage(me.id) if owner is me else None,
                           labels=_labels(), notice=None)


def _labels() -> dict[str, str]:
    return {level.value: level.label for level in Visibility}


def _render_form(album_id: int | None, title: str, description: str, visibility: str,
                 key: str, message: str | None) -> str:
    return render_template("album_form.html", album_id=album_id, title=title,
                           description=description, visibility=visibility, key=key,
                           message=message, visibilities=list(Visibility),
                           title_max=service.TITLE_MAX,
                           description_max=service.DESCRIPTION_MAX)


@bp.route("/albums/new", methods=["GET", "POST"])
@member_required
def new() -> str | Response:
    """Make an album: title, description, who may see it."""
    form = request.form
    title, description = form.get("title", ""), form.get("description", "")
    visibility = form.get("visibility", service.DEFAULT_VISIBILITY.value)
    key = submit_keys.sent_key(form.get(submit_keys.FIELD))
    if request.method == "POST":
        try:
            album_id = service.create_album(me_id(), title, description, visibility, key)
        except DomainError as refused:
            return _render_form(None, title, description, visibility, key, refusal(refused))
        return redirect_with_notice(url_for("albums.show", album_id=album_id),
                                    "アルバムを作りました。")
    return _render_form(None, title, description, visibility, key, None)


@bp.route("/albums/<int:album_id>/edit", methods=["GET", "POST"])
@member_required
def edit(album_id: int) -> str | Response:
    """Change my album's title, description and who may see it."""
    album = service.own_album_or_refuse(album_id, me_id())
    form = request.form
    title = form.get("title", album.title)
    description = form.get("description", album.description)
    visibility = form.get("visibility", album.visibility)
    if request.method == "POST":
        try:
            service.update_album(album, title, description, visibility)
        except DomainError as refused:
            return _render_form(album_id, title, description, visibility, "",
                                refusal(refused))
        return redirect_with_notice(url_for("albums.show", album_id=album_id),
                                    "アルバムを変更しました。")
    return _render_form(album_id, title, description, visibility, "", None)


@bp.route("/albums/<int:album_id>/delete", methods=["GET", "POST"])
@member_required
def delete(album_id: int) -> str | Response:
    """Ask, then delete my album with its photos and their comments."""
    me = me_id()
    album = service.own_album_or_refuse(album_id, me)
    if request.method == "POST":
        service.delete_album(album.id, me)
        return redirect_with_notice(url_for("albums.mine"), "アルバムを削除しました。")
    return render_template("album_delete.html", album=album)


@bp.get("/albums/<int:album_id>")
@member_required
def show(album_id: int) -> str:
    """Show an album the viewer may see: its thumbnails, as many a page as the handset
    holds with the page (else links), and the owner's quota to the owner."""
    me = me_id()
    album, owner_nickname = queries.visible_album(album_id, me)
    variant = variants.thumb_variant(g.handset)
    inline = budget.thumbs_per_page()
    page = queries.album_pictures(album.id, variant, _page(), inline or per_page())
    thumbs = [pictures.thumbnail(row, me, variant) for row in page.rows]
    mine = album.owner_id == me
    return render_template(
        "album_show.html", album=album, owner_nickname=owner_nickname, page=page,
        thumbs=thumbs, inline=bool(inline), mine=mine,
        usage=quota.usage(me) if mine else None,
        visibility_label=Visibility.parse(album.visibility).label, notice=take_notice())


from keitai.features.albums import picture_views, upload_views  # noqa: E402,F401
