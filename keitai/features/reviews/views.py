"""The reading pages of reviews: the top page, a category, a search, an item with its reviews,
one review whole, a member's reviews. Every handset reads them all."""
from __future__ import annotations

from flask import redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from keitai.auth import member_required
from keitai.db import db
from keitai.features.reviews import bp, codes, queries, service
from keitai.features.reviews.categories import BY_SLUG, CATEGORIES
from keitai.features.reviews.shown import item_shown
from keitai.features.social import me_id, per_page, small_page, take_notice, visible_member
from keitai.models.review import ReviewItem
from keitai.pagination import PAGE_PARAM, page_number

#: what the top page lists: the newest reviews and the most reviewed items
NEWEST_SHOWN, MOST_SHOWN = 5, 5
#: the longest search a box sends
QUERY_MAX = 50
#: the sort switch of an item's reviews: (value, label)
SORT_LABELS = ((queries.NEWEST, "新着順"), (queries.BEST, "評価順"))


def _page() -> int:
    return page_number(request.args.get(PAGE_PARAM))


def _reviews_per_page() -> int:
    """Return how many reviews an item's page lists (each has a few lines of text)."""
    return 5 if small_page() else 10


def query_text() -> str:
    """Return the search box's words, cut to QUERY_MAX characters."""
    return " ".join(request.args.get("q", "").split())[:QUERY_MAX]


def load_item(item_id: int) -> ReviewItem:
    """Return an item; ItemNotFound when there is none."""
    item = db.session.get(ReviewItem, item_id)
    if item is None:
        raise service.ItemNotFound()
    return item


@bp.get("/reviews")
@member_required
def index() -> str:
    """Show the newest reviews, the categories, the most reviewed items and a search box."""
    me = me_id()
    return render_template(
        "reviews.html", me=me, newest=queries.newest(me, NEWEST_SHOWN),
        most=queries.most_reviewed(MOST_SHOWN), categories=CATEGORIES, q="",
        query_max=QUERY_MAX, notice=take_notice())


@bp.get("/reviews/category/<slug>")
@member_required
def category(slug: str) -> str:
    """List a category's items, the most reviewed first."""
    found = BY_SLUG.get(slug)
    if found is None:
        raise service.ItemNotFound("このカテゴリはありません。")
    page = queries.category_items(found.slug, _page(), per_page())
    return render_template("review_category.html", category=found, page=page)


@bp.get("/reviews/search")
@member_required
def search() -> str | Response:
    """Find items by title, creator or ISBN/JAN; an identifier leads to its item."""
    q = query_text()
    code = codes.looks_like_code(q)
    if code is not None:
        item_id = queries.item_with_code(code)
        if item_id is not None:
            return redirect(url_for("reviews.item", item_id=item_id))
        return render_template("review_search.html", q=q, page=None, code=code,
                               writing=False, query_max=QUERY_MAX)
    page = queries.search(q, _page(), per_page()) if q else None
    return render_template("review_search.html", q=q, page=page, code=None, writing=False,
                           query_max=QUERY_MAX)


@bp.get("/reviews/items/<int:item_id>")
@member_required
def item(item_id: int) -> str:
    """Show an item: its facts, average, link to buy, and its reviews newest or best first."""
    me = me_id()
    found = load_item(item_id)
    sort = request.args.get("sort", queries.NEWEST)
    sort = sort if sort in queries.SORTS else queries.NEWEST
    page = queries.item_reviews(found.id, me, sort, _page(), _reviews_per_page())
    return render_template("review_item.html", item=item_shown(found), page=page, sort=sort,
                           sorts=SORT_LABELS, mine=service.own_review_of(found.id, me),
                           me=me, notice=take_notice())


@bp.get("/reviews/<int:review_id>")
@member_required
def show(review_id: int) -> str:
    """Show one review whole (a long one in parts on a small handset)."""
    me = me_id()
    row = queries.review(review_id, me)
    if row is None:
        raise service.ReviewNotFound()
    return render_template("review_show.html", review=row, mine=row.author_id == me,
                           notice=take_notice())


@bp.get("/members/<int:member_id>/reviews")
@member_required
def member_reviews(member_id: int) -> str:
    """List a member's reviews, newest first (not shown when a block stands between)."""
    me = me_id()
    owner = visible_member(member_id, me)
    page = queries.member_reviews(owner.id, _page(), per_page())
    return render_template("review_member.html", owner=owner, mine=owner.id == me, page=page,
                           notice=take_notice())
