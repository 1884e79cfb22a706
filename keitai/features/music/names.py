"""What a player sends, made fit to keep: text cleaned, names keyed, times checked."""
from __future__ import annotations

import unicodedata
from datetime import datetime, timedelta

#: a play may be reported this far ahead of the site's clock (players' clocks drift)
FUTURE_SLACK = timedelta(minutes=10)
#: and at most this long after it was played (a player that queued plays offline)
OLDEST = timedelta(days=14)


def clean(text: str) -> str:
    """Return text as kept: NFC, every run of whitespace one space, control characters
    removed, no space at either end."""
    collapsed = " ".join(unicodedata.normalize("NFC", text).split())
    return "".join(char for char in collapsed if unicodedata.category(char) != "Cc").strip()


def name_key(text: str) -> str:
    """Return what tells two names apart: NFKC, casefolded, whitespace collapsed."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    return " ".join(clean(folded).split())


class BadTime(ValueError):
    """A played_at that is no time with an offset, or one outside what is accepted."""


def played_time(value: object, now: datetime) -> datetime:
    """Return an ISO 8601 time with an offset as UTC, to the second; raise BadTime with the
    reason in Japanese."""
    if not isinstance(value, str) or len(value) > 40:
        raise BadTime("時刻はISO 8601の文字列で送ってください。")
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise BadTime("時刻の形式が正しくありません(例: 2026-12-07T15:00:00+09:00)。") from None
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise BadTime("時刻には時差(+09:00 や Z)を付けてください。")
    moment = parsed.astimezone(now.tzinfo).replace(microsecond=0)
    if moment > now + FUTURE_SLACK:
        raise BadTime("未来の時刻は受け付けられません。")
    if moment < now - OLDEST:
        raise BadTime("14日より前の再生は受け付けられません。")
    return moment
