"""Every carrier emoji, in every byte form its handsets send, round-trips through canonical text."""
from __future__ import annotations

import emoji_maps
from emoji_maps.tables import tables
from tests.emoji.forms import codes, emoji_sources, sjis, utf8, web_code


def test_the_tables_hold_every_emoji_of_every_carrier() -> None:
    assert len(codes("docomo")) == 282
    assert sum(c.web for c in codes("docomo")) == 252
    assert len(codes("kddi")) == 647
    assert len(codes("softbank")) == 485


def test_every_docomo_emoji_round_trips_through_shift_jis_and_utf8() -> None:
    bad = [f"{c.pua:04X}" for c in codes("docomo")
           if emoji_maps.decode(sjis(c), "docomo") != c.canonical
           or emoji_maps.encode(c.canonical, "docomo") != sjis(c)
           or emoji_maps.decode(utf8(c.pua), "docomo", "utf-8") != c.canonical
           or emoji_maps.encode(c.canonical, "docomo", "utf-8") != utf8(c.pua)]
    assert bad == []


def test_willcom_reads_and_writes_docomo_emoji() -> None:
    bad = [f"{c.pua:04X}" for c in codes("docomo")
           if emoji_maps.decode(sjis(c), "willcom") != c.canonical
           or emoji_maps.encode(c.canonical, "willcom") != sjis(c)]
    assert bad == []


def test_every_au_emoji_round_trips_through_its_shift_jis_code() -> None:
    bad = [f"{c.pua:04X}" for c in codes("kddi")
           if emoji_maps.decode(sjis(c), "au") != c.canonical
           or emoji_maps.encode(c.canonical, "au") != sjis(c)]
    assert bad == []


def test_every_au_emoji_round_trips_through_web_private_use_in_utf8() -> None:
    bad = [f"{c.pua:04X}" for c in codes("kddi")
           if c.alt != c.sjis - 0x0700
           or emoji_maps.decode(utf8(c.sjis - 0x0700), "au", "UTF-8") != c.canonical
           or emoji_maps.encode(c.canonical, "au", "utf8") != utf8(c.sjis - 0x0700)]
    assert bad == []


def test_au_official_private_use_in_utf8_is_read_too() -> None:
    bad = [f"{c.pua:04X}" for c in codes("kddi")
           if emoji_maps.decode(utf8(c.pua), "au", "utf-8") != c.canonical]
    assert bad == []


def test_every_softbank_emoji_round_trips_through_utf8_private_use() -> None:
    bad = [f"{c.pua:04X}" for c in codes("softbank")
           if emoji_maps.decode(utf8(c.pua), "softbank") != c.canonical
           or emoji_maps.encode(c.canonical, "softbank") != utf8(c.pua)]
    assert bad == []


def test_every_softbank_emoji_round_trips_through_web_code() -> None:
    bad = [f"{c.pua:04X}" for c in codes("softbank")
           if emoji_maps.decode(web_code(c), "softbank", "shift_jis") != c.canonical
           or emoji_maps.encode(c.canonical, "softbank", "Shift_JIS") != web_code(c)]
    assert bad == []


def test_every_softbank_binary_shift_jis_code_reads_as_the_emoji_it_writes_as_web_code() -> None:
    bad = [f"{c.pua:04X}" for c in codes("softbank")
           if emoji_maps.decode(sjis(c), "softbank", "sjis") != c.canonical
           or emoji_maps.encode(emoji_maps.decode(sjis(c), "softbank", "sjis"), "softbank",
                                "sjis") != web_code(c)]
    assert bad == []


def softbank_pua(code: int) -> int:
    """Return SoftBank's private use for a binary Shift_JIS code, by its published layout."""
    lead, trail = code >> 8, code & 0xFF
    if trail >= 0xA1:  # pages F, O, Q
        return {0xF7: 0xE2, 0xF9: 0xE3, 0xFB: 0xE5}[lead] << 8 | (trail - 0xA0)
    low = trail - 0x40 if trail < 0x7F else trail - 0x41  # pages G, E, P
    return {0xF9: 0xE0, 0xF7: 0xE1, 0xFB: 0xE4}[lead] << 8 | low


def test_every_emoji_sources_row_holds_in_both_directions() -> None:
    rows = emoji_sources()
    assert len(rows) == 722
    bad = []
    for text, (docomo, au, softbank) in rows:
        for carrier, code in (("docomo", docomo), ("au", au), ("softbank", softbank)):
            if code is not None and emoji_maps.decode(code.to_bytes(2, "big"), carrier,
                                                      "shift_jis") != text:
                bad.append(f"{text} from {carrier}")
        for carrier, code in (("docomo", docomo), ("au", au)):
            if code is not None and emoji_maps.encode(text, carrier) != code.to_bytes(2, "big"):
                bad.append(f"{text} to {carrier}")
        if softbank is not None:
            pua = softbank_pua(softbank)
            letter = "GEFOPQ"[(pua >> 8) - 0xE0].encode()
            if (emoji_maps.encode(text, "softbank") != utf8(pua)
                    or emoji_maps.encode(text, "softbank", "shift_jis")
                    != b"\x1b$" + letter + bytes([(pua & 0xFF) + 0x20]) + b"\x0f"):
                bad.append(f"{text} to softbank")
    assert bad == []


def test_carrier_private_use_converts_both_ways_for_every_emoji() -> None:
    for table, carrier in (("docomo", "docomo"), ("kddi", "au"), ("softbank", "softbank")):
        for c in codes(table):
            pua = chr(c.alt) if table == "kddi" and c.alt else chr(c.pua)
            assert emoji_maps.to_carrier_pua(c.canonical, carrier) == pua
            assert emoji_maps.from_carrier_pua(pua, carrier) == c.canonical


def test_every_google_code_reads_as_its_canonical_emoji_on_any_handset() -> None:
    for e in tables().emoji:
        if e.google:
            assert emoji_maps.decode(e.google.encode("utf-8"), "pc") == e.canonical
            assert emoji_maps.from_carrier_pua(e.google, "docomo") == e.canonical
