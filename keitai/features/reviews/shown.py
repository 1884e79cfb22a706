"""How the review pages show things: stars, averages, an item's facts and its link off site."""
from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, current_app

from keitai.features.reviews.affiliate import affiliate_url
from keitai.features.reviews.categories import category_of
from keitai.features.reviews.codes import hyphenless
from keitai.features.reviews.released import released_text
from keitai.gateway.links import exit_url
from keitai.models.review import ReviewItem

#: how much of a review a list shows before 続きを読む
EXCERPT = 60


def stars(count: int) -> str:
    """Return a rating as the pages show it: ★★★☆☆."""
    count = max(0, min(5, int(count)))
    return "★" * count + "☆" * (5 - count)


def excerpt(text: str, size: int = EXCERPT) -> str:
    """Return the start of a review's text on one line, with … when there is more."""
    flat = " ".join(text.split())
    return flat if len(flat) <= size else flat[:size] + "…"


def cut_short(text: str) -> bool:
    """Return True when a list shows only the start of a review (a link reads 続きを読む)."""
    return len(" ".join(text.split())) > EXCERPT


@dataclass(frozen=True, slots=True)
class Rating:
    """An item's average, from its count and sum of stars."""

    count: int
    total: int

    @property
    def average(self) -> float:
        """Return the mean of the stars (0 without reviews)."""
        return self.total / self.count if self.count else 0.0

    def text(self) -> str:
        """Return ★★★★☆ 3.7 (12件), or レビューはまだありません."""
        if not self.count:
            return "レビューはまだありません"
        rounded = int(self.average + 0.5)
        return f"{stars(rounded)} {self.average:.1f}({self.count}件)"


@dataclass(frozen=True, slots=True)
class ItemShown:
    """An item's facts, as its page shows them."""

    id: int
    title: str
    category: str
    category_label: str
    #: (label, value) of each fact the item has: 著者, 出版社, 発売日, ISBN ...
    facts: list[tuple[str, str]]
    rating: Rating
    #: the /exit address of the item's affiliate link, None when it has none
    exit_link: str | None


def item_shown(item: ReviewItem) -> ItemShown:
    """Return what an item's page shows of it."""
    category = category_of(item.category)
    code = hyphenless(item.code)
    facts = [(category.creator, item.creator), (category.maker, item.maker),
             ("発売日", released_text(item.released_on, item.released_precision))]
    if code is not None:
        facts.append((code.label, code.digits))
        if code.isbn10:
            facts.append(("ISBN-10", code.isbn10))
    url = affiliate_url(current_app.config.get("AFFILIATE_TEMPLATE"), item.code, item.title)
    return ItemShown(item.id, item.title, category.slug, category.label,
                     [(label, value) for label, value in facts if value],
                     Rating(item.review_count, item.rating_sum),
                     exit_url(url) if url else None)


def rating_of(item: ReviewItem) -> str:
    """Return an item's average as a list line shows it."""
    return Rating(item.review_count, item.rating_sum).text()


def register(bp: Blueprint) -> None:
    """Give every template the filters the review pages use."""
    bp.add_app_template_filter(stars, "review_stars")
    bp.add_app_template_filter(excerpt, "review_excerpt")
    bp.add_app_template_filter(rating_of, "review_rating")
    bp.add_app_template_filter(cut_short, "review_cut_short")
