"""Review reads: each one statement, whatever the number of items, reviews or members.

A review by a member a block stands between (either way) is left out of every list the
viewer sees, and its page is not found, as a diary comment's would be; the item's count and
average still hold it (they are the item's, the same for everyone).
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import func, literal, or_, select

from keitai.db import db
from keitai.features.reviews.codes import Code
from keitai.models.member import Member
from keitai.models.review import Review, ReviewItem
from keitai.pagination import AnySelect, Page, fetch_page
from keitai.privacy import not_blocked
from keitai.replica import read_session
from keitai.rows import AnyRow

#: shown where a withdrawn member's name was
WITHDRAWN = "退会したユーザー"
#: the orders of an item's reviews: newest first, best first
NEWEST, BEST = "new", "best"
SORTS = (NEWEST, BEST)


def _author() -> Any:
    return func.coalesce(Member.nickname, literal(WITHDRAWN)).label("author_nickname")


def _review_columns() -> list[Any]:
    return [Review.id, Review.item_id, Review.author_id, Review.stars, Review.body,
            Review.created_at, Review.updated_at, Review.counted, _author()]


def _reviews(viewer_id: int) -> AnySelect:
    """Return the reviews the viewer sees, with their authors' names and their items'."""
    return (select(*_review_columns(), ReviewItem.title.label("item_title"),
                   ReviewItem.category.label("item_category"))
            .join(ReviewItem, ReviewItem.id == Review.item_id)
            .outerjoin(Member, Member.id == Review.author_id)
            .where(not_blocked(Review.author_id, viewer_id)))


def newest(viewer_id: int, limit: int) -> list[AnyRow]:
    """Return the site's newest reviews the viewer sees."""
    return list(read_session().execute(
        _reviews(viewer_id).order_by(Review.created_at.desc(), Review.id.desc())
        .limit(limit)).all())


def most_reviewed(limit: int, category: str | None = None) -> list[ReviewItem]:
    """Return the items with the most reviews (of a category, when given)."""
    statement = select(ReviewItem).where(ReviewItem.review_count > 0)
    if category is not None:
        statement = statement.where(ReviewItem.category == category)
    return list(read_session().scalars(
        statement.order_by(ReviewItem.review_count.desc(), ReviewItem.id.desc()).limit(limit)))


def category_items(category: str, number: int, per_page: int) -> Page:
    """Return a page of a category's items, the most reviewed first, then the newest."""
    return fetch_page(select(ReviewItem).where(ReviewItem.category == category)
                      .order_by(ReviewItem.review_count.desc(), ReviewItem.id.desc()),
                      number, per_page)


def search(text: str, number: int, per_page: int) -> Page:
    """Return a page of the items whose title or creator holds the words (each of them),
    the most reviewed first."""
    statement = select(ReviewItem)
    for word in text.split()[:5]:
        statement = statement.where(or_(ReviewItem.title.icontains(word, autoescape=True),
                                        ReviewItem.creator.icontains(word, autoescape=True)))
    return fetch_page(statement.order_by(ReviewItem.review_count.desc(),
                                         ReviewItem.id.desc()), number, per_page)


def item_with_code(code: Code) -> int | None:
    """Return the id of the item with this identifier, if one is registered."""
    found = db.session.scalar(select(ReviewItem.id).where(ReviewItem.code == code.digits))
    return int(found) if found is not None else None


def item_reviews(item_id: int, viewer_id: int, sort: str, number: int,
                 per_page: int) -> Page:
    """Return a page of an item's reviews the viewer sees, newest or best first."""
    statement = (select(*_review_columns()).outerjoin(Member, Member.id == Review.author_id)
                 .where(Review.item_id == item_id, not_blocked(Review.author_id, viewer_id)))
    if sort == BEST:
        statement = statement.order_by(Review.stars.desc(), Review.created_at.desc(),
                                       Review.id.desc())
    else:
        statement = statement.order_by(Review.created_at.desc(), Review.id.desc())
    return fetch_page(statement, number, per_page)


def review(review_id: int, viewer_id: int) -> AnyRow | None:
    """Return a review with its author's name and its item's title, unless a block stands
    between its author and the viewer."""
    return db.session.execute(_reviews(viewer_id).where(Review.id == review_id)).first()


def member_reviews(member_id: int, number: int, per_page: int) -> Page:
    """Return a page of a member's reviews, newest first."""
    statement = (select(*_review_columns(), ReviewItem.title.label("item_title"),
                        ReviewItem.category.label("item_category"))
                 .join(ReviewItem, ReviewItem.id == Review.item_id)
                 .outerjoin(Member, Member.id == Review.author_id)
                 .where(Review.author_id == member_id)
                 .order_by(Review.created_at.desc(), Review.id.desc()))
    return fetch_page(statement, number, per_page)


def member_review_count(member_id: int) -> int:
    """Return how many reviews a member wrote (their profile's link says it)."""
    return int(db.session.scalar(select(func.count()).select_from(Review).where(
        Review.author_id == member_id)) or 0)
