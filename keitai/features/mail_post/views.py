"""/settings/mail_post: my secret posting addresses (the diary's, each album's), renewable."""
from __future__ import annotations

from flask import current_app, render_template, request, url_for
from sqlalchemy import select
from werkzeug.wrappers import Response

from keitai.auth import logged_in_member, member_required
from keitai.db import db
from keitai.features.albums.pictures import DIARY_PICTURES
from keitai.features.albums.service import own_album_or_refuse
from keitai.features.mail_post import bp
from keitai.features.social import per_page, redirect_with_notice, take_notice
from keitai.mail_in import addresses
from keitai.models.album import Album
from keitai.models.posting import PostingAddress
from keitai.pagination import PAGE_PARAM, fetch_page, page_number

RENEWED = "新しいアドレスにしました。前のアドレスにはもう送れません。"
ISSUED = "投稿用アドレスを作りました。"


def _shown(row: PostingAddress | None) -> str | None:
    """Return the address to show, or None when there is none that works."""
    return addresses.address_of(row) if row is not None and addresses.is_current(row) else None


def _limits() -> dict[str, int]:
    config = current_app.config
    return {"photos": DIARY_PICTURES, "per_hour": int(config["MAIL_IN_PER_HOUR"]),
            "megabytes": max(1, int(config["MAIL_IN_MAX_BYTES"]) // (1024 * 1024))}


@bp.get("/settings/mail_post")
@member_required
def settings() -> str:
    """Show my diary posting address, how posting by mail works, and the album addresses."""
    me = logged_in_member()
    has_albums = db.session.scalar(select(Album.id).where(Album.owner_id == me.id).limit(1))
    return render_template("mail_post.html", member=me,
                           address=_shown(addresses.diary_address(me.id)),
                           has_albums=has_albums is not None, limits=_limits(),
                           notice=take_notice())


@bp.post("/settings/mail_post")
@member_required
def renew() -> Response:
    """Give me a new diary posting address (the old one stops working at once)."""
    me = logged_in_member()
    renewing = addresses.diary_address(me.id) is not None
    addresses.issue(me.id)
    return redirect_with_notice(url_for("mail_post.settings"), RENEWED if renewing else ISSUED)


@bp.get("/settings/mail_post/albums")
@member_required
def albums() -> str:
    """List my albums, each leading to its posting address."""
    me = logged_in_member()
    page = fetch_page(select(Album.id, Album.title).where(Album.owner_id == me.id)
                      .order_by(Album.created_at.desc(), Album.id.desc()),
                      page_number(request.args.get(PAGE_PARAM)), per_page())
    issued = addresses.album_addresses(me.id, [row.id for row in page.rows])
    return render_template("mail_post_albums.html", page=page, issued=issued)


@bp.get("/settings/mail_post/albums/<int:album_id>")
@member_required
def album(album_id: int) -> str:
    """Show the posting address of one of my albums."""
    me = logged_in_member()
    found = own_album_or_refuse(album_id, me.id)
    row = addresses.album_addresses(me.id, [found.id]).get(found.id)
    return render_template("mail_post_album.html", member=me, album=found, address=_shown(row),
                           limits=_limits(), notice=take_notice())


@bp.post("/settings/mail_post/albums/<int:album_id>")
@member_required
def renew_album(album_id: int) -> Response:
    """Give one of my albums a new posting address (the old one stops working at once)."""
    me = logged_in_member()
    found = own_album_or_refuse(album_id, me.id)
    renewing = found.id in addresses.album_addresses(me.id, [found.id])
    addresses.issue(me.id, found.id)
    return redirect_with_notice(url_for("mail_post.album", album_id=found.id),
                                RENEWED if renewing else ISSUED)
