"""Diary pages: a member's list, a diary with its comments, the form, friends' diaries."""
from __future__ import annotations

from flask import g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from keitai import submit_keys
from keitai.auth import logged_in_member, member_required
from keitai.domain import DomainError
from keitai.errors import refusal
from keitai.features.albums.pictures import diary_pictures
from keitai.features.diary import bp, forms, queries, service
from keitai.features.social import per_page, take_notice, visible_member
from keitai.pagination import PAGE_PARAM, fetch_window, page_number
from keitai.privacy import Visibility
from keitai.replica import read_session

#: comments under a diary: few, so the diary itself stays on the first page of a handset
COMMENTS_PER_PAGE = 10



def _page() -> int:
    return page_number(request.args.get(PAGE_PARAM))


@bp.get("/members/<int:member_id>/diary")
@member_required
def member_list(member_id: int) -> str:
    """List a member's diaries the viewer may read, newest first."""
    me = logged_in_member()
    owner = me if member_id == me.id else visible_member(member_id, me.id)
    page = queries.member_diaries(owner.id, me.id, _page(), per_page())
    return render_template("diary_list.html", owner=owner, mine=owner is me, page=page,
                           notice=take_notice())


@bp.get("/diary/friends")
@member_required
def friends() -> str:
    """List the friends' diaries the member may read, newest first."""
    me = logged_in_member().id
    page = fetch_window(lambda limit, offset: queries.friends_diaries(me, limit, offset),
                        _page(), per_page(), read_session())
    return render_template("diary_friends.html", page=page)


def render_diary(diary_id: int, comment: str = "", key: str | None = None,
                 message: str | None = None) -> str:
    """Render a diary with a page of its comments and the comment form."""
    me = logged_in_member()
    found = queries.visible_diary(diary_id, me.id)
    if found is None:
        raise service.DiaryNotFound()
    diary, author_nickname = found
    comments = queries.diary_comments(diary, me.id, _page(), COMMENTS_PER_PAGE)
    if diary.author_id == me.id:
        service.mark_comments_read(diary)
    return render_template("diary_show.html", diary=diary, author_nickname=author_nickname,
                           visibility_label=Visibility(diary.visibility).label,
                           mine=diary.author_id == me.id, me=me, comments=comments,
                           comment=comment, key=key or submit_keys.new_key(),
                           message=message, notice=take_notice(),
                           diary_photos=diary_pictures(diary.id, me.id))


@bp.get("/diary/<int:diary_id>")
@member_required
def show(diary_id: int) -> str:
    """Show a diary the member may read, with its comments."""
    return render_diary(diary_id)


@bp.route("/diary/new", methods=["GET", "POST"])
@member_required
def new() -> str | Response:
    """Write a diary."""
    form = forms.DiaryForm.from_request()
    if request.method == "POST":
        try:
            diary_id = service.create_diary(logged_in_member().id, form.title, form.body or "",
                                            form.visibility, form.key,
                                            written_at=forms.written_at(form, None))
        except DomainError as refused:
            return forms.render(form, None, refusal(refused))
        return redirect(url_for("diary.show", diary_id=diary_id))
    if "news" in request.args:  # 日記に書く from a news item: the form quotes its headline
        from keitai.features.news.quote import prefilled

        form = prefilled(form, request.args.get("news"))
    return forms.render(form, None, None)


@bp.route("/diary/<int:diary_id>/edit", methods=["GET", "POST"])
@member_required
def edit(diary_id: int) -> str | Response:
    """Edit the member's own diary."""
    diary = service.own_diary_or_refuse(diary_id, logged_in_member().id)
    if diary.blog_link is not None:  # 外部ブログ: edited on the blog itself
        raise service.ImportedDiary()
    if request.method == "GET":
        return forms.render(forms.DiaryForm.of(diary), diary, None)
    form = forms.DiaryForm.from_request()
    try:
        service.update_diary(diary, form.title,
                             diary.body if form.body is None else form.body, form.visibility,
                             written_at=forms.written_at(form, diary))
    except DomainError as refused:
        return forms.render(form, diary, refusal(refused))
    return redirect(url_for("diary.show", diary_id=diary.id))


@bp.route("/diary/<int:diary_id>/delete", methods=["GET", "POST"])
@member_required
def delete(diary_id: int) -> str | Response:
    """Ask, then delete the member's own diary."""
    me = logged_in_member()
    if request.method == "POST":
        if service.delete_diary(diary_id, me.id):
            g.session.set("notice", "日記を削除しました。")
        elif queries.visible_diary(diary_id, me.id) is not None:
            raise service.NotYourDiary()
        return redirect(url_for("diary.member_list", member_id=me.id))
    diary = service.own_diary_or_refuse(diary_id, me.id)
    return render_template("diary_delete.html", diary=diary)


from keitai.features.diary import comment_views  # noqa: E402,F401
