"""Reviews (レビュー) as items operators see (see keitai.moderation.kinds): the words are the
review's text; hiding one also takes its stars out of the item's count and average, and
showing it again puts them back (keitai.features.reviews.service.set_counted)."""
from __future__ import annotations

from sqlalchemy import select

from keitai.db import db
from keitai.models.review import Review, ReviewItem
from keitai.moderation.hidden import is_hidden
from keitai.moderation.item_base import About, Kind, author_sees, commented, path, row_fields


def _about(review_id: int) -> About | None:
    row = db.session.execute(
        select(Review.author_id, Review.created_at, ReviewItem.title)
        .join(ReviewItem, ReviewItem.id == Review.item_id).where(Review.id == review_id)).first()
    if row is None:
        return None
    return About(row.author_id, path("reviews.show", review_id=review_id), row.created_at,
                 f"「{row.title}」のレビュー")


def _visible(review_id: int, viewer_id: int) -> bool:
    """Seen by every member, but one a block stands between (as the review pages do)."""
    review = db.session.get(Review, review_id)
    return review is not None and author_sees(viewer_id, review.author_id)


def _changed(review_id: int) -> None:
    from keitai.features.reviews.service import set_counted  # noqa: PLC0415
    set_counted(review_id, not is_hidden("review", review_id))


def _remove(review_id: int) -> bool:
    from keitai.features.reviews.service import delete_review  # noqa: PLC0415
    return delete_review(review_id, None)


KINDS: dict[str, Kind] = {
    "review": Kind("レビュー", row_fields(Review, "body"), commented, _about, _visible,
                   _changed, _remove),
}
