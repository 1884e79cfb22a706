"""Item categories: a slug in URLs, a Japanese label, and what the item's people are called."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Category:
    """One category of items."""

    slug: str
    label: str
    #: what the item's creator is called on its page (著者, アーティスト ...)
    creator: str
    #: what the item's maker is called (出版社, レーベル ...)
    maker: str


#: in the order the pages list them
CATEGORIES = (
    Category("book", "本", "著者", "出版社"),
    Category("cd", "CD", "アーティスト", "レーベル"),
    Category("dvd", "DVD", "監督・出演", "発売元"),
    Category("game", "ゲーム", "開発", "メーカー"),
    Category("electronics", "家電", "ブランド", "メーカー"),
)
BY_SLUG = {category.slug: category for category in CATEGORIES}


def category_of(slug: str) -> Category:
    """Return the category of a stored slug (an unknown one reads as the first)."""
    return BY_SLUG.get(slug, CATEGORIES[0])
