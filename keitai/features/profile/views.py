"""Profile pages: a member's page (leaves a footprint), the rest of it, editing mine."""
from __future__ import annotations

from flask import g, render_template, request, url_for
from werkzeug.wrappers import Response

from keitai.auth import member_required
from keitai.domain import DomainError
from keitai.errors import refusal
from keitai.features.communities.queries import member_communities
from keitai.features.endorsements.queries import shown_about
from keitai.features.footprints.service import leave_footprint
from keitai.features.friends.queries import shared_friends
from keitai.features.profile import bp, queries, service
from keitai.features.profile.fields import BY_NAME, FIELDS, INTRODUCTION_SHORT
from keitai.features.profile.photo_views import photo_on_page
from keitai.features.social import (
    MemberNotShown,
    me_id,
    redirect_with_notice,
    take_notice,
)
from keitai.privacy import Visibility

#: friends in common shown on a stranger's page, endorsements and communities on the first page
SHARED_SHOWN, ENDORSEMENTS_SHOWN, COMMUNITIES_SHOWN = 3, 3, 3


def _photo(card: object, viewer_id: int) -> dict[str, object] | None:
    """Return the photo's address, signed for the viewer, and whether to show it inline."""
    key = getattr(card, "photo_key", None)
    if not key:
        return None
    return photo_on_page("profile.photo", key, viewer_id, key=key)


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
    communities = member_communities(card.id, me, 1, COMMUNITIES_SHOWN)
    leave_footprint(card.id, me)
    intro = card.introduction or ""
    return render_template(
        "profile.html", card=card, me=me, photo=_photo(card, me), shared=shared,
        shared_total=shared_total, endorsements=endorsements, communities=communities,
        notice=take_notice(),
        intro=intro[:INTRODUCTION_SHORT], intro_more=len(intro) > INTRODUCTION_SHORT)


@bp.get("/members/<int:member_id>/more")
@member_required
def more(member_id: int) -> str:
    """Show the rest of a member's profile: the fields the viewer may see, the introduction."""
    me = me_id()
    card = queries.member_card(member_id, me)
    if card is None:
        raise MemberNotShown()
    fields = [(BY_NAME[row.name].label, row.value, Visibility.parse(row.visibility).label)
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
    """Edit my profile fields and who may see each."""
    me = me_id()
    _profile, stored = queries.own_profile(me)
    values = {spec.name: (request.form.get(f"f_{spec.name}",
                                           stored[spec.name].value if spec.name in stored else ""),
                          request.form.get(f"v_{spec.name}", stored[spec.name].visibility
                                           if spec.name in stored else "everyone"))
              for spec in FIELDS}
    error = None
    if request.method == "POST":
        try:
            service.update_fields(me, values)
        except DomainError as refused:
            error = refusal(refused)
        else:
            return redirect_with_notice(url_for("profile.more", member_id=me),
                                        "プロフィールを変更しました。")
    return render_template("profile_fields.html", fields=FIELDS, values=values, error=error,
                           visibilities=list(Visibility))
