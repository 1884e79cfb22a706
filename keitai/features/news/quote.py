"""日記に書く: the new-diary form filled in from a news item (/diary/new?news=<id>).

The title is the headline, cut to the diary's title limit; the body quotes the headline, the
source and the link, with a blank line left for the member's own words.
"""
from __future__ import annotations

from dataclasses import replace

from keitai.db import db
from keitai.features.diary.forms import DiaryForm
from keitai.features.diary.service import TITLE_MAX
from keitai.features.news.texts import headline
from keitai.models.news import NewsItem
from keitai.numbers import parse_number


def quoted(item: NewsItem) -> tuple[str, str]:
    """Return the diary title and body that quote an item."""
    body = f"■{item.title}\n({item.source})\n{item.link}\n\n" if item.source else (
        f"■{item.title}\n{item.link}\n\n")
    return headline(item.title, TITLE_MAX), body


def prefilled(form: DiaryForm, news: str | None) -> DiaryForm:
    """Return the blank form filled from the news item `news` names (unchanged when it names
    none there is)."""
    number = parse_number(news)
    item = db.session.get(NewsItem, number) if number is not None and number > 0 else None
    if item is None:
        return form
    title, body = quoted(item)
    return replace(form, title=title, body=body)
