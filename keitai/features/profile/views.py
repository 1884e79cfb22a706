"""Profile pages: a member's page (leaves a footprint), the rest of it, editing mine."""
from __future__ import annotations

from datetime import date, datetime

from flask import g, render_template, request, url_for
from werkzeug.wrappers import Response

from carriers.markup import markup_for
from keitai.auth import member_required
from keitai.domain import DomainError
from keitai.errors import refusal
from keitai.features.communities.queries import member_communities
from keitai.features.endorsements.queries import shown_about
from keitai.features.footprints.service import leave_footprint
from keitai.features.friends.queries import shared_friends
from keitai.features.music.queries import recent_plays
from keitai.features.profile import bp, queries, service
from keitai.features.profile.choices import birth_text, display_value
from keitai.features.profile.fields import (
    BIRTH_FIELDS,
    BY_NAME,
    FIELDS,
    FORMS,
    INTRODUCTION_SHORT,
)
from keitai.features.profile.photo_views import photo_on_page, thumbnail_on_page
from keitai.features.reviews.queries import member_review_count
from keitai.features.social import (
    MemberNotShown,
    me_id,
    redirect_with_notice,
    take_notice,
)
from keitai.privacy import Visibility
from keitai.rows import AnyRow
from keitai.timefmt import JST

#: friends in common shown on a stranger's page, endorsements and communities on the first page
SHARED_SHOWN, ENDORSEMENTS_SHOWN, COMMUNITIES_SHOWN = 3, 3, 3
#: the latest plays on a member's page (最近聴いた曲), when the viewer may see them
PLAYS_SHOWN = 3


def _photo(card: object, viewer_id: int) -> dict[str, object] | None:
    """Return the photo's address, signed for the viewer, and whether to show it inline."""
    key = getattr(card, "photo_key", None)
    if not key:
        return None
    shown = photo_on_page("profile.photo", key, viewer_id, with_extension=True, key=key)
    width, height = getattr(card, "photo_width", None), getattr(card, "photo_height", None)
    if markup_for(g.handset).name == "html5" and width and height:
        # PCs and smartphones: a thumbnail, linked to the larger photo
        shown["thumb"] = thumbnail_on_page("profile.photo", key, viewer_id,
                                           (int(width), int(height)), key=key)
    return shown


@bp.get("/members/<int:member_id>")
@member_required
def show(member_id: int) -> str:
    """Show a member's page: photo, the start of the introduction, friends in common."""
    me = me_id()
    card = queries.member_card(member_id, me)
    if card is None:
        raise MemberNotShown()
    shared, shared_total = ([], 0) if card.id == me or card.is_friend \
        else shared_friends(me, card.id, SHARED_SHOWN)
    endorsements = shown_about(card.id, me, ENDORSEMENTS_SHOWN)
    plays = recent_plays(card.id, me, PLAYS_SHOWN)
    communities = member_communities(card.id, me, 1, COMMUNITIES_SHOWN)
    review_count = member_review_count(card.id)
    leave_footprint(card.id, me)
    intro = card.introduction or ""
    return render_template(
        "profile.html", card=card, me=me, photo=_photo(card, me), shared=shared,
        shared_total=shared_total, endorsements=endorsements, communities=communities,
        notice=take_notice(), review_count=review_count,
        intro=intro[:INTRODUCTION_SHORT], intro_more=len(intro) > INTRODUCTION_SHORT,
        plays=plays)


def _shown(row: AnyRow, today: date) -> str:
    """Return what a visible field shows: a label, free text, an age or a birthday."""
    if row.name in BIRTH_FIELDS:
        return birth_text(row.name, row.birth_date, today)
    return display_value(row.name, row.value)


@bp.get("/members/<int:member_id>/more")
@member_required
def more(member_id: int) -> str:
    """Show the rest of a member's profile: the fields the viewer may see, the introduction."""
    me = me_id()
    card = queries.member_card(member_id, me)
    if card is None:
        raise MemberNotShown()
    today = datetime.now(JST).date()
    fields = [(BY_NAME[row.name].label, _shown(row, today),
               Visibility.parse(row.visibility).label)
              for row in queries.visible_fields(card.id, me)]
    return render_template("profile_more.html", card=card, me=me, fields=fields)


@bp.route("/settings/profile", methods=["GET", "POST"])
@member_required
def edit() -> Response | str:
    """Edit my nickname and self-introduction."""
    me = me_id()
    profile, _fields = queries.own_profile(me)
    form = request.form
    nickname = form.get("nickname", g.member.nickname)
    intro = form.get("introduction", profile.introduction if profile else "")
    level = form.get("visibility", profile.introduction_visibility if profile else "everyone")
    error = None
    if request.method == "POST":
        try:
            service.update_introduction(me, nickname, intro, level)
        except DomainError as refused:
            error = refusal(refused)
        else:
            return redirect_with_notice(url_for("profile.show", member_id=me),
                                        "プロフィールを変更しました。")
    return render_template("profile_edit.html", nickname=nickname, introduction=intro,
                           level=level, error=error, visibilities=list(Visibility))


@bp.route("/settings/profile/fields", methods=["GET", "POST"])
@member_required
def edit_fields() -> Response | str:
    """Edit my profile fields, my birth date, and who may see each."""
    me = me_id()
    _profile, stored = queries.own_profile(me)
    form = request.form
    values = {spec.name: (form.get(f"f_{spec.name}",
                                   stored[spec.name].value if spec.name in stored else ""),
                          form.get(f"v_{spec.name}", stored[spec.name].visibility
                                   if spec.name in stored else spec.default_visibility.value))
              for spec in FIELDS}
    born = g.member.birth_date
    birth = {part: form.get(f"birth_{part}", str(getattr(born, part)) if born else "")
             for part in ("year", "month", "day")}
    error = None
    if request.method == "POST":
        # each of the page's forms sends its own fields: the others stay as they are
        sent = {name: value for name, value in values.items()
                if f"f_{name}" in form or f"v_{name}" in form}
        try:
            birth_date = (service.birth_date_typed(birth["year"], birth["month"], birth["day"])
                          if "birth_year" in form else None)
            service.update_fields(me, sent, birth_date)
        except DomainError as refused:
            error = refusal(refused)
        else:
            return redirect_with_notice(url_for("profile.more", member_id=me),
                                        "プロフィールを変更しました。")
    return render_template("profile_fields.html", groups=FORMS, values=values, birth=birth,
                           error=error, visibilities=list(Visibility))
