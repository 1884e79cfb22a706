"""Fixture pages for the charset rules."""
from __future__ import annotations

from carriers.markup_support import support_for
from simulator.charsets import normalise
from tests.checker.site import ALL, FixturePage, carrier, chtml, handsets


def reads_no(charset: str) -> frozenset[str]:
    """Return the handsets whose browser does not read a charset (the handsets' own data)."""
    return handsets(lambda p: charset not in {normalise(name)
                                              for name in support_for(p.handset).charsets})


def with_bytes(text: str, marker: str, raw: bytes) -> bytes:
    """Return a clean Shift_JIS page with raw bytes where marker is."""
    return chtml(text).replace(marker.encode("ascii"), raw)


def in_utf8(text: str) -> bytes:
    """Return the clean page of chtml() written in UTF-8."""
    return chtml("@@").decode("cp932").replace("@@", text).encode("utf-8")


#: handsets that read a page with no charset as UTF-8
UTF8_BY_DEFAULT = handsets(lambda p: p.handset.charset == "utf-8")
NO_UTF8 = reads_no("utf-8")

PAGES = [
    FixturePage("/charset/missing", chtml("文字コードの宣言がないページです。"),
                content_type="text/html",
                expect={"charset.missing": ALL, "charset.undecodable": UTF8_BY_DEFAULT},
                note="Shift_JIS with no charset anywhere: handsets that default to UTF-8 "
                     "cannot read it"),
    FixturePage("/charset/mismatch",
                b'<?xml version="1.0" encoding="UTF-8"?>\n'
                + chtml("宣言が食い違うページです。").replace(b"<hr>", b"<hr />"),
                expect={"charset.mismatch": ALL},
                note="the header says Shift_JIS, the XML declaration UTF-8"),
    FixturePage("/charset/broken-byte", with_bytes("壊れた@@文字です。", "@@", b"\xff"),
                expect={"charset.undecodable": ALL},
                note="a byte (FF) that is not Shift_JIS"),
    FixturePage("/charset/utf8-sent-as-shift-jis", in_utf8("UTF-8で書いたページです。"),
                expect={"charset.undecodable": ALL},
                note="labelled Shift_JIS, written in UTF-8"),
    FixturePage("/charset/utf8", in_utf8("UTF-8のページです。"),
                content_type="text/html; charset=UTF-8",
                expect={"charset.unsupported": NO_UTF8},
                note="UTF-8 to every handset: i-mode cHTML and J-PHONE read Shift_JIS only"),
    FixturePage("/charset/euc-jp",
                chtml("@@").decode("cp932").replace("@@", "EUC-JPのページです。")
                .encode("euc_jp"),
                content_type="text/html; charset=EUC-JP",
                expect={"charset.unsupported": reads_no("euc_jp")},
                note="EUC-JP, which no i-mode handset reads"),
    FixturePage("/charset/extension-rows",
                with_bytes("①㈱ⅰ、@@橋の写真", "@@", b"\xfb\xfc"),
                expect={"charset.extension-chars": carrier("docomo")},
                note="NEC row 13 (①, ㈱), NEC-selected IBM (ⅰ) and IBM (髙 FBFC) characters"),
]
