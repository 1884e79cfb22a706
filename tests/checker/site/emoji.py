"""Fixture pages for the emoji rules.

Codes used: docomo sun F89F / U+E63E; au sun F660 (web private use U+EF60); SoftBank sun
U+E04A, binary F98B, web code ESC $ G j SI; docomo F94A (U+E6A6), one of the 30 codes outside
i-mode's web set; SoftBank U+E401 (web code ESC $ P ! SI), beyond what C types show.
"""
from __future__ import annotations

from collections.abc import Callable

import carriers
from tests.checker.site import ALL, FixturePage, carrier, chtml, handsets
from tests.checker.site.charset import NO_UTF8, in_utf8, with_bytes

DOCOMO_SUN = b"\xf8\x9f"
AU_SUN = b"\xf6\x60"
SOFTBANK_SUN_BINARY = b"\xf9\x8b"
SOFTBANK_SUN_WEB = b"\x1b$Gj\x0f"

AU = carrier("au")
SOFTBANK = carrier("softbank")
#: SoftBank's 2G handsets, which read web codes only
JPHONE = handsets(lambda p: (p.handset.browser or "").startswith("J-PHONE"))
#: J-PHONE/2.x and 3.x: SoftBank emoji E001–E257 only
C_TYPES = handsets(lambda p: (p.handset.browser or "") in ("J-PHONE 2.0", "J-PHONE 3.0"))


def sun(raw: bytes) -> bytes:
    """Return a clean Shift_JIS page with raw emoji bytes after 今日は."""
    return with_bytes("今日は@@です。", "@@", raw)


def only_to(names: tuple[str, ...], raw: bytes) -> Callable[[carriers.Handset], bytes]:
    """Return a body with the emoji bytes for those carriers' handsets and a plain page for
    the rest, as a site that picks emoji per carrier sends."""
    def body(handset: carriers.Handset) -> bytes:
        return sun(raw) if handset.carrier in names else chtml("今日は晴れです。")

    return body


def own_emoji(handset: carriers.Handset) -> bytes:
    """Return the page with each handset's own sun, as a right site sends it."""
    raw = {"docomo": DOCOMO_SUN, "willcom": DOCOMO_SUN, "au": AU_SUN}.get(handset.carrier)
    if handset.carrier == "softbank":
        raw = SOFTBANK_SUN_WEB if (handset.browser or "").startswith("J-PHONE") \
            else SOFTBANK_SUN_BINARY
    return sun(raw) if raw else chtml("今日は晴れです。")


def au_private_use(handset: carriers.Handset) -> bytes:
    """Return a UTF-8 page with au's web private-use sun for au, plain text for the rest."""
    return in_utf8("今日は\uef60です。" if handset.carrier == "au" else "今日は晴れです。")


PAGES = [
    FixturePage("/emoji/own", own_emoji,
                note="each handset gets its own carrier's sun (web codes on J-PHONE): nothing "
                     "to find"),
    FixturePage("/emoji/docomo-sun", sun(DOCOMO_SUN),
                expect={"emoji.other-carrier": ALL - carrier("docomo", "willcom", "au")},
                note="docomo's sun to everyone: au's gateway converts it, SoftBank and "
                     "smartphones show nothing"),
    FixturePage("/emoji/au-sun", sun(AU_SUN),
                expect={"emoji.other-carrier": ALL - AU},
                note="au's sun to everyone"),
    FixturePage("/emoji/softbank-web-code", sun(SOFTBANK_SUN_WEB),
                expect={"emoji.other-carrier": ALL - SOFTBANK},
                note="a SoftBank web code to everyone"),
    FixturePage("/emoji/softbank-binary", only_to(("softbank",), SOFTBANK_SUN_BINARY),
                expect={"emoji.outside-set": JPHONE},
                note="SoftBank's binary Shift_JIS code: 3G handsets read it, J-PHONE ones "
                     "read web codes only"),
    FixturePage("/emoji/softbank-page-p", only_to(("softbank",), b"\x1b$P!\x0f"),
                expect={"emoji.outside-set": C_TYPES},
                note="SoftBank U+E401 as a web code: C types show E001–E257 only"),
    FixturePage("/emoji/docomo-not-web", only_to(("docomo", "willcom"), b"\xf9\x4a"),
                expect={"emoji.outside-set": carrier("docomo", "willcom")},
                note="docomo F94A (U+E6A6), in the carrier's table but not in i-mode's web set"),
    FixturePage("/emoji/google-private-use", chtml("今日は&#xFE000;です。"),
                expect={"emoji.pua-in-utf8": ALL},
                note="Google's private-use sun, which nothing draws"),
    FixturePage("/emoji/softbank-utf8", in_utf8("今日は\ue04aです。"),
                content_type="text/html; charset=UTF-8",
                expect={"emoji.other-carrier": ALL - SOFTBANK, "charset.unsupported": NO_UTF8},
                note="SoftBank's private-use sun in UTF-8 to everyone"),
    FixturePage("/emoji/au-private-use", au_private_use,
                content_type="text/html; charset=UTF-8",
                expect={"emoji.pua-in-utf8": AU, "charset.unsupported": NO_UTF8},
                note="au's web private-use sun in a UTF-8 page: au shows Shift_JIS emoji only"),
]
