"""The pages of ミュージック: rankings and my plays, an artist, a track, a member's plays."""
from __future__ import annotations

from collections.abc import Collection

from flask import abort, render_template, request, url_for
from werkzeug.exceptions import Forbidden

from keitai.auth import member_required
from keitai.features.music import bp, queries
from keitai.features.music.rankings import KINDS, PERIODS
from keitai.features.social import MemberNotShown, me_id, per_page, small_page, take_notice
from keitai.models.base import utcnow
from keitai.models.music import Listen
from keitai.pagination import fetch_page, page_number
from keitai.privacy import Visibility

#: my latest plays on the music page; lines of an artist's or a track's lists
RECENT_SHOWN, SHORT_SHOWN, LONG_SHOWN = 5, 5, 10
#: the switches of the ranking, as (value, label)
PERIOD_LABELS = (("day", "日間"), ("week", "週間"))
KIND_LABELS = (("artist", "アーティスト"), ("track", "曲"))
SCOPE_LABELS = (("all", "みんな"), ("friends", "マイミク"))


class PlaysHidden(Forbidden):
    """A member's plays the viewer may not see (the description names the member)."""


def _choice(name: str, allowed: Collection[str], default: str) -> str:
    value = request.args.get(name)
    return value if value is not None and value in allowed else default


def _shown() -> int:
    """Return how many lines a short list of an artist's or a track's page has."""
    return SHORT_SHOWN if small_page() else LONG_SHOWN


def _ranking_url(chosen: dict[str, str]) -> str:
    return url_for("music.index", period=chosen["period"], kind=chosen["kind"],
                   scope=chosen["scope"])


@bp.get("/music")
@member_required
def index() -> str:
    """The music top page: my recent plays and the ranking chosen with the switches."""
    me = me_id()
    period = _choice("period", PERIODS, "day")
    kind = _choice("kind", KINDS, "track")
    scope = _choice("scope", ("all", "friends"), "all")
    lines = queries.ranking(period, kind, me if scope == "friends" else None)
    chosen = {"period": period, "kind": kind, "scope": scope}
    # each switch: (label, the address of the ranking it switches to; None: the one shown)
    switches = [[(label, None if value == chosen[name] else _ranking_url({**chosen, name: value}))
                 for value, label in labels]
                for name, labels in (("period", PERIOD_LABELS), ("kind", KIND_LABELS),
                                     ("scope", SCOPE_LABELS))]
    return render_template(
        "music.html", me=me, recent=queries.recent_plays(me, me, RECENT_SHOWN), kind=kind,
        scope=scope, lines=lines, computed_at=queries.computed_at(), switches=switches,
        full=not small_page(), notice=take_notice())


@bp.get("/music/artists/<int:artist_id>")
@member_required
def artist(artist_id: int) -> str:
    """An artist: plays this week, their most played tracks, friends who played them."""
    me, now = me_id(), utcnow()
    card = queries.artist_card(artist_id)
    if card is None:
        abort(404)
    shown = _shown()
    return render_template(
        "music_artist.html", artist=card, tracks=queries.top_tracks(artist_id, shown),
        friends=queries.friends_who_played(me, Listen.artist_id == artist_id, now, shown),
        full=not small_page())


@bp.get("/music/tracks/<int:track_id>")
@member_required
def track(track_id: int) -> str:
    """A track: its artist, its plays, friends who played it."""
    me, now = me_id(), utcnow()
    card = queries.track_card(track_id)
    if card is None:
        abort(404)
    return render_template(
        "music_track.html", track=card,
        friends=queries.friends_who_played(me, Listen.track_id == track_id, now, _shown()),
        full=not small_page())


@bp.get("/members/<int:member_id>/music")
@member_required
def member_plays(member_id: int) -> str:
    """A member's plays, newest first, a page at a time, when the viewer may see them."""
    me = me_id()
    owner = queries.listener_card(member_id, me)
    if owner is None:
        raise MemberNotShown()
    if not owner.allowed:
        raise PlaysHidden(description=f"{owner.nickname}さんの聴いた曲は公開されていません。")
    page = fetch_page(queries.plays_of(owner.id, me), page_number(request.args.get("page")),
                      per_page())
    return render_template("music_member.html", owner=owner, page=page, me=me,
                           visibility=Visibility.parse(owner.visibility).label,
                           full=not small_page())
