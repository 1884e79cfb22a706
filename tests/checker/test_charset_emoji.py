"""The charset and emoji rules on single responses: what the fixture site cannot vary per
handset (headers, the browser's data), and the edges of reading bytes."""
from __future__ import annotations

import dataclasses

import pytest

import carriers
from carriers.markup_support import BrowserSupport, support_for
from simulator.checker.findings import Finding
from simulator.checker.rules import REGISTRY
from simulator.checker.run import check_response
from simulator.profiles import builtin_profiles
from tests.checker.site import chtml

PROFILES = {p.name: p for p in builtin_profiles()}
SHIFT_JIS = "text/html; charset=Shift_JIS"
UTF_8 = "text/html; charset=UTF-8"


def check(name: str, body: bytes, content_type: str = SHIFT_JIS,
          area: str = "") -> list[Finding]:
    """Return the charset and emoji findings (or one area's) on a response to a handset."""
    rules = [r for r in REGISTRY.values() if r.area in ((area,) if area else
                                                         ("charset", "emoji"))]
    return check_response(PROFILES[name], "http://fixture.test/page", 200,
                          [("Content-Type", content_type)], body, rules=rules)


def rules_of(findings: list[Finding]) -> set[str]:
    return {f.rule for f in findings}


def page(text: str, raw: bytes = b"", head: str = "") -> bytes:
    """Return a clean Shift_JIS page with raw bytes where @@ is in the text."""
    return chtml(text, head=head).replace(b"@@", raw)


def utf8_page(text: str) -> bytes:
    return chtml("@@").decode("cp932").replace("@@", text).encode("utf-8")


def browser(monkeypatch: pytest.MonkeyPatch, **changes: object) -> None:
    """Make every handset's browser data differ as given (e.g. extended_emoji=False)."""
    def changed(handset: carriers.Handset) -> BrowserSupport:
        return dataclasses.replace(support_for(handset), **changes)  # type: ignore[arg-type]

    monkeypatch.setattr("simulator.checker.page.support_for", changed)


def test_docomo_extended_emoji_are_outside_the_set_of_a_browser_without_them(
        monkeypatch: pytest.MonkeyPatch) -> None:
    extended = page("決定@@", b"\xf9\xb1")  # F9B1, U+E70C, the first extended emoji
    assert rules_of(check("docomo-N505i", extended)) == set()  # i-mode HTML 5.0 has them
    found = check("docomo-D501i", extended)  # i-mode HTML 1.0 has not
    assert rules_of(found) == {"emoji.outside-set"}
    assert "F9B1" in found[0].message and "extended" in found[0].message
    assert check("docomo-D501i", page("晴れ@@", b"\xf8\x9f")) == []


def test_a_charset_is_unsupported_exactly_where_the_browser_does_not_read_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    utf8 = utf8_page("UTF-8のページ")
    assert rules_of(check("docomo-N505i", utf8, UTF_8)) == {"charset.unsupported"}
    assert rules_of(check("softbank-J-SH10", utf8, UTF_8)) == {"charset.unsupported"}
    assert check("softbank-930SH", utf8, UTF_8) == []
    assert check("pc-Firefox", utf8, UTF_8) == []
    browser(monkeypatch, charsets=frozenset({"Shift_JIS", "UTF-8"}))
    assert check("docomo-N505i", utf8, UTF_8) == []


def test_a_charset_name_nobody_knows_is_unsupported_and_the_default_is_read() -> None:
    found = check("docomo-N505i", page("ページ"), "text/html; charset=x-keitai")
    assert rules_of(found) == {"charset.unsupported"}
    assert "x-keitai" in found[0].message
    found = check("pc-Firefox", page("ページ"), "text/html; charset=x-keitai")
    assert rules_of(found) == {"charset.unsupported", "charset.undecodable"}


def test_meta_and_header_disagreeing_is_a_mismatch_but_shift_jis_aliases_agree() -> None:
    meta = '<meta http-equiv="Content-Type" content="text/html; charset={}">'
    disagree = page("ページ", head=meta.format("UTF-8"))
    found = check("au-W53CA", disagree, area="charset")
    assert rules_of(found) == {"charset.mismatch"}
    assert "<meta" in found[0].excerpt and "Shift_JIS" in found[0].excerpt
    for alias in ("x-sjis", "Windows-31J", "cp932"):
        assert check("au-W53CA", page("ページ", head=meta.format(alias)), area="charset") == []


def test_no_charset_on_an_ascii_page_is_fine() -> None:
    assert check("pc-Firefox", b"<html><head><title>a</title></head><body>a</body></html>",
                 "text/html") == []


def test_extension_characters_are_read_from_the_bytes_not_from_what_they_decode_to() -> None:
    row_2 = "≒".encode("cp932")
    assert row_2 == b"\x81\xe0"
    assert check("docomo-P903i", page("約@@", row_2), area="charset") == []
    found = check("docomo-P903i", page("約@@", b"\x87\x90"), area="charset")  # ≒ in row 13
    assert rules_of(found) == {"charset.extension-chars"}
    assert "8790" in found[0].excerpt
    assert check("au-W53CA", page("①"), area="charset") == []


def test_extension_characters_in_a_utf8_page_to_docomo_are_refused_too(
        monkeypatch: pytest.MonkeyPatch) -> None:
    browser(monkeypatch, charsets=frozenset({"shift_jis", "utf-8"}))
    found = check("docomo-P903i", utf8_page("①と≒と髙"), UTF_8)
    assert rules_of(found) == {"charset.extension-chars"}
    assert "①, 髙" in found[0].message
    assert check("softbank-930SH", utf8_page("①と髙"), UTF_8) == []


def test_emoji_after_half_width_kana_and_a_bad_byte_are_read_at_the_right_bytes() -> None:
    body = page("ｱｲｳ@@ｴｵ", b"\xff\x82\x20" + b"\xf8\x9f")
    found = check("softbank-V602T", body)
    assert rules_of(found) == {"charset.undecodable", "emoji.other-carrier"}
    assert "F89F (docomo 晴れ)" in next(f.message for f in found if f.rule.startswith("emoji"))


def test_a_code_two_carriers_share_is_the_handsets_own_when_its_carrier_has_it() -> None:
    shared = page("@@", b"\xf9\x8b")  # docomo F98B and SoftBank's binary sun
    assert check("docomo-N505i", shared) == []
    assert check("softbank-930SH", shared) == []
    found = check("au-W53CA", page("@@", b"\xf9\x43"))  # docomo 雪 / SoftBank
    assert found == []  # au's gateway converts docomo's Shift_JIS emoji
    found = check("pc-Firefox", shared)
    assert rules_of(found) == {"emoji.other-carrier"}
    assert "docomo" in found[0].message and "SoftBank" in found[0].message


def test_private_use_shared_by_au_and_softbank_is_softbanks_own_on_softbank() -> None:
    body = utf8_page("今日は\ue501")
    assert check("softbank-930SH", body, UTF_8) == []
    found = check("pc-Firefox", body, UTF_8)
    assert rules_of(found) == {"emoji.other-carrier"}
    assert "au" in found[0].message and "SoftBank" in found[0].message


def test_docomo_references_are_not_converted_for_au() -> None:
    found = check("au-W53CA", page("今日は&#xE63E;"))
    assert rules_of(found) == {"emoji.other-carrier"}
    assert check("docomo-P903i", page("今日は&#xE63E;")) == []


def test_googles_private_use_is_flagged_raw_in_utf8_too() -> None:
    found = check("softbank-930SH", utf8_page("今日は\U000fe000"), UTF_8)
    assert rules_of(found) == {"emoji.pua-in-utf8"}
    assert "U+FE000" in found[0].message


def test_au_localsrc_images_are_au_only_and_must_name_a_real_icon() -> None:
    sun = page('今日は<img localsrc="44">')
    assert check("au-W53CA", sun, area="emoji") == []
    found = check("docomo-N505i", sun, area="emoji")
    assert rules_of(found) == {"emoji.other-carrier"}
    assert "localsrc 44" in found[0].message
    found = check("au-W53CA", page('今日は<img localsrc="600">'), area="emoji")
    assert rules_of(found) == {"emoji.outside-set"}
    assert "no au emoji" in found[0].message


def test_an_unknown_softbank_web_code_is_outside_the_set() -> None:
    found = check("softbank-V602T", page("@@", b"\x1b$Oz\x0f"))  # page O ends at E34D (m)
    assert rules_of(found) == {"emoji.outside-set"}
    assert "no SoftBank emoji" in found[0].message


def test_every_charset_and_emoji_rule_explains_itself() -> None:
    for rule in REGISTRY.values():
        if rule.area in ("charset", "emoji"):
            assert rule.title and len(rule.why) > 40 and len(rule.fix) > 20, rule.id
