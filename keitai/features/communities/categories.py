"""Community categories, as mixi grouped its communities: a slug in URLs, a Japanese label."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Category:
    """One category: its slug (in /communities/category/<slug>) and what members read."""

    slug: str
    label: str


#: in the order the community list shows them
CATEGORIES = (
    Category("area", "地域"),
    Category("music", "音楽"),
    Category("movies", "映画"),
    Category("tv", "テレビ番組"),
    Category("books", "本・マンガ"),
    Category("games", "ゲーム"),
    Category("sports", "スポーツ"),
    Category("hobbies", "趣味"),
    Category("food", "グルメ・お酒"),
    Category("schools", "学校"),
    Category("companies", "会社・団体"),
    Category("people", "人物"),
    Category("pets", "動物・ペット"),
    Category("other", "その他"),
)
BY_SLUG = {category.slug: category for category in CATEGORIES}


def label_of(slug: str) -> str:
    """Return the label of a category slug (the slug itself when it is unknown)."""
    category = BY_SLUG.get(slug)
    return category.label if category else slug
