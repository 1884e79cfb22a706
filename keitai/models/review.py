"""Reviews (レビュー): the items members review (books, CDs, DVDs, games, electronics) and
their reviews of them."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column

from keitai.models.base import Base, utcnow
from keitai.models.diary import SUBMIT_KEY_LENGTH

#: the longest title, creator and maker of an item (one line of a handset's list)
ITEM_TITLE_MAX = 100
ITEM_NAME_MAX = 60
#: the longest review: split into parts on a small handset, still within a form's 64 KB
REVIEW_BODY_MAX = 3000


class ReviewItem(Base):
    """A thing members review: a book, a CD, a DVD, a game or an electronic device.

    review_count and rating_sum hold the reviews that count (not hidden by an operator);
    every review write keeps them in step in its own unit of work, so an average is never a
    scan of the reviews.
    """

    __tablename__ = "review_items"
    __table_args__ = (
        # one item per identifier: entering a known ISBN/JAN leads to its item
        UniqueConstraint("code"),
        # a double submit of the registration form registers one item
        UniqueConstraint("created_by", "submit_key"),
        # the most reviewed items, site-wide and in a category
        Index("ix_review_items_most", "review_count", "id"),
        Index("ix_review_items_category_most", "category", "review_count", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: a keitai.features.reviews.categories slug: book, cd, dvd, game, electronics
    category: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(ITEM_TITLE_MAX))
    #: who made it: the author, the artist, the director, the developer (may be blank)
    creator: Mapped[str] = mapped_column(String(ITEM_NAME_MAX), default="")
    #: who published it: the publisher, the label, the maker (may be blank)
    maker: Mapped[str] = mapped_column(String(ITEM_NAME_MAX), default="")
    #: the release date, as precise as released_precision says (the rest is the 1st)
    released_on: Mapped[date | None] = mapped_column(Date)
    #: "year", "month" or "day"; None when there is no release date
    released_precision: Mapped[str | None] = mapped_column(String(5))
    #: the ISBN-13 or JAN (EAN-13), 13 digits without hyphens; None when there is none
    code: Mapped[str | None] = mapped_column(String(13))
    created_by: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    submit_key: Mapped[str | None] = mapped_column(String(SUBMIT_KEY_LENGTH))
    review_count: Mapped[int] = mapped_column(default=0, server_default="0")
    rating_sum: Mapped[int] = mapped_column(default=0, server_default="0")


class Review(Base):
    """One member's review of an item: 1 to 5 stars and a text with emoji.

    A member reviews an item once (they edit that review); the review stays, signed as
    withdrawn, when its author withdraws.
    """

    __tablename__ = "reviews"
    __table_args__ = (
        # one review per member and item: a second one, even sent at the same moment, fails
        UniqueConstraint("item_id", "author_id"),
        # a double submit of the same form creates one review
        UniqueConstraint("author_id", "submit_key"),
        CheckConstraint("stars BETWEEN 1 AND 5", name="stars"),
        # an item's reviews newest first and best first; a member's newest; the site's newest
        Index("ix_reviews_item_newest", "item_id", "created_at"),
        Index("ix_reviews_item_best", "item_id", "stars", "created_at"),
        Index("ix_reviews_author_newest", "author_id", "created_at"),
        Index("ix_reviews_newest", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("review_items.id", ondelete="CASCADE"))
    #: None once the author withdrew (shown as 退会したユーザー)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    stars: Mapped[int] = mapped_column(SmallInteger)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime | None] = mapped_column()
    #: False while an operator hides it: its stars leave the item's count and average
    counted: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    submit_key: Mapped[str | None] = mapped_column(String(SUBMIT_KEY_LENGTH))
