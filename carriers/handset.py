"""The Handset record that carriers.detect() returns for every request."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from functools import wraps
from operator import attrgetter
from typing import Any, TypeVar

_T = TypeVar("_T")

#: Carrier names, in the order the site lists them.
CARRIERS = ("docomo", "au", "softbank", "willcom", "smartphone", "pc")

#: Markup families a page can be rendered in (see carriers.markup).
MARKUPS = ("chtml", "ixhtml", "xhtml_mp", "html5")


#: picture formats by (carrier, markup family), where they differ from JPEG
_IMAGE_FORMATS = {("docomo", "chtml"): "gif", ("softbank", "chtml"): "png", ("au", "chtml"): "png"}


@dataclass(frozen=True, slots=True)
class Handset:
    """What the site knows about the client of one request; None where unknown."""

    #: one of CARRIERS
    carrier: str = "pc"
    #: model as the User-Agent or X-JPHONE-MSNAME names it (N505i, CA39, V903SH, WX310SA)
    model: str | None = None
    #: browser cache in KB as the handset announces it (docomo cNN, WILLCOM CNN)
    cache_kb: int | None = None
    #: handset serial: docomo ser..., SoftBank SN... (only when the user allowed it)
    serial: str | None = None
    #: docomo FOMA card id (icc...)
    card_id: str | None = None
    #: subscriber id added by the carrier gateway (X-DCMGUID, X-UP-SUBNO, X-JPHONE-UID)
    subscriber_id: str | None = None
    #: browser area (width, height) in pixels
    screen: tuple[int, int] | None = None
    #: whether the handset keeps cookies between requests
    cookies: bool = True
    #: markup family, one of MARKUPS
    markup: str = "html5"
    #: charset of pages and of the bytes the handset sends: "shift_jis" or "utf-8"
    charset: str = "utf-8"
    #: largest page body in bytes the handset can show; None means no limit
    page_limit_bytes: int | None = None
    #: the request came from an address inside this carrier's published gateway ranges
    from_gateway: bool = False
    #: a search-engine crawler that presents itself as a handset or browser
    crawler: bool = False
    #: browser name and version as detected, e.g. "i-mode 1.0", "UP.Browser 6.2"
    browser: str | None = None
    #: whether the screen shows colour (False for monochrome handsets)
    color: bool = True
    #: extra facts for the /handset page (multimedia caps, screen depth, ...)
    extras: tuple[tuple[str, str], ...] = field(default=())

    @property
    def is_keitai(self) -> bool:
        """Return True for a feature phone of a Japanese carrier."""
        return self.carrier in ("docomo", "au", "softbank", "willcom")

    @property
    def wants_guid(self) -> bool:
        """Return True when own links must carry guid=ON so the i-mode ID is sent."""
        return self.carrier == "docomo" and not self.crawler

    @property
    def emoji_as_images(self) -> bool:
        """Return True when emoji must be written as <img localsrc="N"> (HDML-era au)."""
        return self.carrier == "au" and self.markup == "chtml"

    @property
    def image_format(self) -> str:
        """Return the picture format this handset shows best: gif, png or jpeg."""
        # old i-mode shows GIF only; J-PHONE and HDML-era au show PNG; the rest JPEG
        return _IMAGE_FORMATS.get((self.carrier, self.markup), "jpeg")

    @property
    def terminal_ids(self) -> dict[str, str]:
        """Return the terminal ids that arrived with this request, by kind."""
        ids = {"subscriber_id": self.subscriber_id, "serial": self.serial,
               "card_id": self.card_id}
        return {kind: value for kind, value in ids.items() if value}


class _Slots:
    """Handset's slots in Handset's order, without the frozen __setattr__ (see quick_handset)."""

    __slots__ = Handset.__slots__


def quick_handset(carrier: str = "pc", model: str | None = None, cache_kb: int | None = None,
                  serial: str | None = None, card_id: str | None = None,
                  subscriber_id: str | None = None, screen: tuple[int, int] | None = None,
                  cookies: bool = True, markup: str = "html5", charset: str = "utf-8",
                  page_limit_bytes: int | None = None, from_gateway: bool = False,
                  crawler: bool = False, browser: str | None = None, color: bool = True,
                  extras: tuple[tuple[str, str], ...] = ()) -> Handset:
    """Return what Handset(...) returns for the same arguments (equal and as frozen), quickly.

    Handset(...) costs about 2 µs: a class call turns keyword arguments into a dict and back,
    and a frozen dataclass's __init__ stores each of the 16 fields through
    object.__setattr__. Here they are stored plainly into an object of the same slots, which
    then becomes a Handset (CPython lets an object take another class of the same layout).
    Detection builds one per User-Agent parsed, and this was much of what a parse cost.
    """
    made: Any = _Slots()
    made.carrier = carrier
    made.model = model
    made.cache_kb = cache_kb
    made.serial = serial
    made.card_id = card_id
    made.subscriber_id = subscriber_id
    made.screen = screen
    made.cookies = cookies
    made.markup = markup
    made.charset = charset
    made.page_limit_bytes = page_limit_bytes
    made.from_gateway = from_gateway
    made.crawler = crawler
    made.browser = browser
    made.color = color
    made.extras = extras
    made.__class__ = Handset
    handset: Handset = made
    return handset


_FIELD_NAMES = tuple(each.name for each in fields(Handset))
_FIELD_VALUES = attrgetter(*_FIELD_NAMES)


def handset_with(handset: Handset, **changes: Any) -> Handset:
    """Return a copy of handset with some fields changed (dataclasses.replace, quickly)."""
    values = dict(zip(_FIELD_NAMES, _FIELD_VALUES(handset), strict=True))
    values.update(changes)
    return quick_handset(**values)


#: the most handsets per_handset() keeps an answer for (then it starts again)
PER_HANDSET_MAX = 1024
#: the caches of every per_handset() function
_PER_HANDSET_CACHES: list[dict[int, Any]] = []


def forget_per_handset() -> None:
    """Empty the cache of every per_handset() function (when the data they read changes)."""
    for found in _PER_HANDSET_CACHES:
        found.clear()


def per_handset(compute: Callable[[Handset], _T]) -> Callable[[Handset], _T]:
    """Keep what compute returns for each Handset object, found again by its identity.

    A Handset never changes once made, so the same object always gets the same answer, and
    an identity is cheaper to look up than the hash of sixteen fields. Each entry holds its
    handset, so an identity in the cache is never another object's.
    """
    found: dict[int, tuple[Handset, _T]] = {}
    _PER_HANDSET_CACHES.append(found)

    @wraps(compute)
    def cached(handset: Handset) -> _T:
        entry = found.get(id(handset))
        if entry is not None and entry[0] is handset:
            return entry[1]
        value = compute(handset)
        if len(found) >= PER_HANDSET_MAX:
            found.clear()
        found[id(handset)] = (handset, value)
        return value

    return cached
