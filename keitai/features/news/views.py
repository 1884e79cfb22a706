"""The pages of news: the top (ピックアップ, the categories, the newest), a category's
headlines, the picks, and one item with its way out to the source and into a diary."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import render_template, request

from keitai import timefmt
from keitai.auth import member_required
from keitai.features.news import bp, queries, service
from keitai.features.news.categories import BY_SLUG, CATEGORIES, PICKUP, Category, label_of
from keitai.features.news.texts import SOURCE_SHOWN, headline
from keitai.features.social import per_page
from keitai.pagination import PAGE_PARAM, fetch_page, page_number

timefmt.register(bp)
#: the picks the news top shows
TOP_PICKS = 5


class CategoryNotFound(service.NewsItemNotFound):
    """No category of that name."""

    default_message = "このカテゴリはありません。"


@dataclass(frozen=True, slots=True)
class Line:
    """One headline of a list: time, title (cut), source."""

    id: int
    title: str
    source: str
    at: datetime


def _lines(rows: list[Any]) -> list[Line]:
    return [Line(row.id, headline(row.title), headline(row.source, SOURCE_SHOWN),
                 row.published_at) for row in rows]


def _page() -> int:
    return page_number(request.args.get(PAGE_PARAM))


@bp.get("/news")
@member_required
def index() -> str:
    """The news top: the latest picks, the categories, then the newest headlines."""
    page = fetch_page(queries.newest_lines(), _page(), per_page())
    return render_template("news.html", picks=_lines(queries.latest_picks(TOP_PICKS)),
                           categories=CATEGORIES, page=page, lines=_lines(page.rows))


@bp.get("/news/<slug>")
@member_required
def category(slug: str) -> str:
    """A category's headlines (or the picks), newest first, a handset's page at a time."""
    found: Category | None = PICKUP if slug == PICKUP.slug else BY_SLUG.get(slug)
    if found is None:
        raise CategoryNotFound()
    statement = (queries.picked_lines() if found is PICKUP
                 else queries.category_lines(found.slug))
    page = fetch_page(statement, _page(), per_page())
    return render_template("news_category.html", category=found, page=page,
                           lines=_lines(page.rows))


@bp.get("/news/<int:item_id>")
@member_required
def show(item_id: int) -> str:
    """One item: its title, source, time and summary; the source through /exit; 日記に書く."""
    item = service.item(item_id)
    return render_template("news_show.html", item=item,
                           category=Category(item.category, label_of(item.category)))
