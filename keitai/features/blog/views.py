"""The 外部ブログ pages: register or change my external blog, see how its fetches go,
resume a paused one, remove it."""
from __future__ import annotations

from flask import render_template, request, url_for
from werkzeug.wrappers import Response

from keitai import timefmt
from keitai.auth import member_required
from keitai.domain import DomainError
from keitai.errors import refusal
from keitai.features.blog import bp, imports, service
from keitai.features.social import me_id, redirect_with_notice, take_notice
from keitai.models.blog import URL_MAX
from keitai.privacy import Visibility

timefmt.register(bp)


def _settings_page(url: str | None = None, visibility: str | None = None,
                   message: str | None = None) -> str:
    """Render the settings page: the blog's state and the form (with what was typed)."""
    me = me_id()
    blog = service.blog_of(me)
    level = visibility or (blog.visibility if blog else service.DEFAULT_VISIBILITY.value)
    return render_template(
        "blog_settings.html", blog=blog, url=url if url is not None else (
            blog.feed_url if blog else ""),
        visibility=level, visibilities=list(Visibility), url_max=URL_MAX,
        visibility_label=Visibility.parse(blog.visibility).label if blog else "",
        count=imports.imported_count(me) if blog else 0, message=message,
        notice=take_notice(), paused=service.PAUSED, member_id=me)


@bp.get("/settings/blog")
@member_required
def settings() -> str:
    """Register, change or remove my external blog."""
    return _settings_page()


@bp.post("/settings/blog")
@member_required
def save() -> str | Response:
    """Register my blog, or change its address or who reads its entries."""
    url, visibility = request.form.get("url", ""), request.form.get("visibility", "")
    me = me_id()
    before = service.blog_of(me)
    new_url = before is None or before.feed_url != url.strip()
    try:
        service.save(me, url, visibility)
    except DomainError as refused:
        return _settings_page(url, visibility, refusal(refused))
    message = ("登録しました。まもなく記事を取り込みます。" if new_url
               else "設定を保存しました。")
    return redirect_with_notice(url_for("blog.settings"), message)


@bp.post("/settings/blog/resume")
@member_required
def resume() -> Response:
    """Fetch my paused blog again."""
    done = service.resume(me_id())
    return redirect_with_notice(url_for("blog.settings"), "再開しました。まもなく確認します。"
                                if done else "停止中のブログはありません。")


@bp.route("/settings/blog/remove", methods=["GET", "POST"])
@member_required
def remove() -> str | Response:
    """Ask, then stop resyndicating my blog (and delete its imported entries, if I choose)."""
    me = me_id()
    if request.method == "POST":
        delete_entries = request.form.get("entries") == "delete"
        if not service.remove(me, delete_entries):
            return redirect_with_notice(url_for("blog.settings"), "登録されたブログはありません。")
        return redirect_with_notice(url_for("blog.settings"), (
            "解除し、取り込んだ記事を削除しました。" if delete_entries
            else "解除しました。取り込んだ記事は日記に残っています。"))
    blog = service.blog_of(me)
    if blog is None:
        return redirect_with_notice(url_for("blog.settings"), "登録されたブログはありません。")
    return render_template("blog_remove.html", blog=blog, count=imports.imported_count(me))
