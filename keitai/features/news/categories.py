"""The news categories, as members knew them: a slug in URLs, a Japanese label."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Category:
    """One category: its slug (in /news/<slug>) and what members read."""

    slug: str
    label: str


#: in the order the news top lists them (the first nine on access keys 1-9)
CATEGORIES = (
    Category("domestic", "国内"),
    Category("world", "海外"),
    Category("politics", "政治"),
    Category("economy", "経済"),
    Category("local", "地域"),
    Category("sports", "スポーツ"),
    Category("entertainment", "エンタメ"),
    Category("it", "IT・科学"),
    Category("game", "ゲーム・アニメ"),
    Category("column", "コラム"),
)
BY_SLUG = {category.slug: category for category in CATEGORIES}
#: the operators' picks: a list of its own, not a category an item or a feed has
PICKUP = Category("pickup", "ピックアップ")


def label_of(slug: str) -> str:
    """Return the label of a category slug (the slug itself when it is unknown)."""
    found = BY_SLUG.get(slug)
    return found.label if found else slug
