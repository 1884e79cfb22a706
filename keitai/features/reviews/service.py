"""Review writes: register an item, write, edit and delete a review.

Every write keeps the item's review_count and rating_sum in step in the same unit of work,
with updates relative to the row (count + 1, sum + stars), so two members reviewing an item
at once both count. One review per member and item is the unique constraint's: a second one,
even sent at the same moment from two pages, inserts nothing and is answered with the first.
New reviews and new items are counted per member and day (keitai.ratelimit): the count is
taken before the unit writes, and only for what would be new.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, select, update

from keitai import ratelimit
from keitai.db import db
from keitai.domain import Conflict, DomainError, NotAllowed, NotFound, checked_text
from keitai.features.reviews import codes
from keitai.features.reviews.categories import BY_SLUG
from keitai.features.reviews.released import Released
from keitai.models.base import utcnow
from keitai.models.review import (
    ITEM_NAME_MAX,
    ITEM_TITLE_MAX,
    REVIEW_BODY_MAX,
    Review,
    ReviewItem,
)
from keitai.moderation.hidden import refuse_if_hidden
from keitai.numbers import parse_number
from keitai.timefmt import JST
from keitai.upsert import dialect_insert

#: new reviews and new items a member may write in a day
REVIEWS_PER_DAY, ITEMS_PER_DAY = 30, 10
REVIEW_LIMIT = ratelimit.Limit("review", REVIEWS_PER_DAY, 86400)
ITEM_LIMIT = ratelimit.Limit("review-item", ITEMS_PER_DAY, 86400)


class ItemNotFound(NotFound):
    """No such item."""

    default_message = "この商品は見つかりません。"


class ReviewNotFound(NotFound):
    """No such review, or one a block stands before."""

    default_message = "このレビューは見つかりません。"


class NotYourReview(NotAllowed):
    """Only its author edits or deletes a review."""

    default_message = "自分のレビューだけ編集・削除できます。"


class AlreadyReviewed(DomainError):
    """The member has reviewed this item: they edit that review instead."""

    default_message = "この商品のレビューはすでに書いています。内容を直して保存できます。"

    def __init__(self, review_id: int) -> None:
        super().__init__()
        #: the member's review of the item
        self.review_id = review_id


class KnownItem(DomainError):
    """An item with this ISBN/JAN is registered already: the member goes to it."""

    default_message = "この商品はすでに登録されています。"

    def __init__(self, item_id: int) -> None:
        super().__init__()
        #: the registered item
        self.item_id = item_id


@dataclass(frozen=True, slots=True)
class ItemFacts:
    """What a member types about a new item."""

    category: str
    title: str
    creator: str
    maker: str
    released: Released | None
    code: codes.Code | None


def parse_stars(value: str | None) -> int:
    """Return the stars a form chose (1-5); DomainError when none or another number."""
    stars = parse_number(value, 5)
    if stars is None or stars < 1:
        raise DomainError("評価(★の数)を1から5で選んでください。")
    return stars


def clean_body(body: str) -> str:
    """Return the review text as stored; DomainError when empty or too long."""
    return checked_text("レビュー本文", body.strip(), REVIEW_BODY_MAX)


def clean_facts(category: str, title: str, creator: str, maker: str,
                released: Released | None, code: codes.Code | None) -> ItemFacts:
    """Return an item's facts as stored; DomainError naming what is wrong."""
    if category not in BY_SLUG:
        raise DomainError("カテゴリを選んでください。")
    title = checked_text("タイトル", " ".join(title.split()), ITEM_TITLE_MAX)
    creator = checked_text(BY_SLUG[category].creator, " ".join(creator.split()),
                           ITEM_NAME_MAX, required=False)
    maker = checked_text(BY_SLUG[category].maker, " ".join(maker.split()), ITEM_NAME_MAX,
                         required=False)
    return ItemFacts(category, title, creator, maker, released, code)


def _item_with_code(code: codes.Code | None) -> int | None:
    if code is None:
        return None
    return db.session.scalar(select(ReviewItem.id).where(ReviewItem.code == code.digits))


def register_item(member_id: int, facts: ItemFacts, key: str) -> int:
    """Register an item (once per form key); return its id. KnownItem when its identifier
    is registered already (nothing is written)."""
    known = _item_with_code(facts.code)
    if known is not None:
        raise KnownItem(known)
    sent = db.session.scalar(select(ReviewItem.id).where(
        ReviewItem.created_by == member_id, ReviewItem.submit_key == key))
    if sent is not None:  # the same form again
        return int(sent)
    if ratelimit.hit(ITEM_LIMIT, str(member_id)) > ITEM_LIMIT.limit:
        raise DomainError(f"商品の登録は1日{ITEMS_PER_DAY}件までです。明日もう一度お試しください。")
    released = facts.released
    item_id = db.session.scalar(
        dialect_insert(ReviewItem).values(
            category=facts.category, title=facts.title, creator=facts.creator,
            maker=facts.maker, released_on=released.on if released else None,
            released_precision=released.precision if released else None,
            code=facts.code.digits if facts.code else None, created_by=member_id,
            created_at=utcnow(), submit_key=key, review_count=0, rating_sum=0)
        .on_conflict_do_nothing().returning(ReviewItem.id))
    if item_id is not None:
        return int(item_id)
    # lost a race: the same identifier registered, or the same form sent, at this moment
    known = _item_with_code(facts.code)
    if known is not None:
        raise KnownItem(known)
    sent = db.session.scalar(select(ReviewItem.id).where(
        ReviewItem.created_by == member_id, ReviewItem.submit_key == key))
    if sent is None:
        raise Conflict()
    return int(sent)


def _count(item_id: int, reviews: int, stars: int) -> None:
    """Move the item's count and sum of stars by the given amounts, relative to the row."""
    db.session.execute(
        update(ReviewItem).where(ReviewItem.id == item_id)
        .values(review_count=ReviewItem.review_count + reviews,
                rating_sum=ReviewItem.rating_sum + stars)
        .execution_options(synchronize_session=False))


def own_review_of(item_id: int, member_id: int) -> int | None:
    """Return the id of the member's review of the item, if they wrote one."""
    found = db.session.scalar(select(Review.id).where(
        Review.item_id == item_id, Review.author_id == member_id))
    return int(found) if found is not None else None


def write_review(member_id: int, item_id: int, stars: int, body: str, key: str) -> int:
    """Write the member's review of an item (once per form key); return its id.

    AlreadyReviewed when they reviewed it before from another form (nothing is written).
    """
    body = clean_body(body)
    if db.session.get(ReviewItem, item_id) is None:
        raise ItemNotFound()
    sent = db.session.scalar(select(Review.id).where(
        Review.author_id == member_id, Review.submit_key == key))
    if sent is not None:  # the same form again: the review it wrote
        return int(sent)
    earlier = own_review_of(item_id, member_id)
    if earlier is not None:
        raise AlreadyReviewed(earlier)
    if ratelimit.hit(REVIEW_LIMIT, str(member_id)) > REVIEW_LIMIT.limit:
        raise DomainError(f"レビューは1日{REVIEWS_PER_DAY}件までです。明日もう一度お試しください。")
    review_id = db.session.scalar(
        dialect_insert(Review).values(
            item_id=item_id, author_id=member_id, stars=stars, body=body,
            created_at=utcnow(), counted=True, submit_key=key)
        .on_conflict_do_nothing().returning(Review.id))
    if review_id is None:  # the same member's review of it, made at this moment
        sent = db.session.scalar(select(Review.id).where(
            Review.author_id == member_id, Review.submit_key == key))
        if sent is not None:
            return int(sent)
        earlier = own_review_of(item_id, member_id)
        if earlier is None:
            raise ItemNotFound()  # the item went meanwhile
        raise AlreadyReviewed(earlier)
    _count(item_id, 1, stars)
    return int(review_id)


def own_review(review_id: int, member_id: int) -> Review:
    """Return the member's own review; NotYourReview for another's, ReviewNotFound when
    there is none."""
    review = db.session.get(Review, review_id)
    if review is None:
        raise ReviewNotFound()
    if review.author_id != member_id:
        raise NotYourReview()
    return review


def edit_review(member_id: int, review_id: int, stars: int, body: str) -> None:
    """Change the member's own review; refused while an operator hides it."""
    review = own_review(review_id, member_id)
    refuse_if_hidden("review", review.id, review.created_at)
    body = clean_body(body)
    before = review.stars
    # only from the stars read: an edit of the same review at this moment is refused
    result = db.session.execute(
        update(Review).where(Review.id == review.id, Review.stars == before)
        .values(stars=stars, body=body, updated_at=utcnow())
        .returning(Review.counted, Review.item_id)
        .execution_options(synchronize_session=False))
    row = result.first()
    if row is None:
        raise Conflict()
    if row.counted and stars != before:
        _count(row.item_id, 0, stars - before)
    db.session.expire(review)


def delete_review(review_id: int, member_id: int | None) -> bool:
    """Delete a review (the member's own, or any when member_id is None: an operator's);
    return False when there was none."""
    statement = delete(Review).where(Review.id == review_id)
    if member_id is not None:
        statement = statement.where(Review.author_id == member_id)
    row = db.session.execute(
        statement.returning(Review.item_id, Review.stars, Review.counted)
        .execution_options(synchronize_session=False)).first()
    if row is None:
        return False
    if row.counted:
        _count(row.item_id, -1, -row.stars)
    return True


def set_counted(review_id: int, counted: bool) -> None:
    """Take a review's stars out of its item's count and average (hidden by an operator),
    or put them back; doing it twice is once."""
    row = db.session.execute(
        update(Review).where(Review.id == review_id, Review.counted.is_(not counted))
        .values(counted=counted).returning(Review.item_id, Review.stars)
        .execution_options(synchronize_session=False)).first()
    if row is not None:
        _count(row.item_id, 1 if counted else -1, row.stars if counted else -row.stars)


def today_in_japan() -> date:
    """Return today's date in Japan (release dates are Japanese calendar days)."""
    return utcnow().astimezone(JST).date()
