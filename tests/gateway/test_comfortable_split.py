"""A long page is cut into parts of a comfortable size for the handset, never above its limit."""
from __future__ import annotations

import re

import pytest
from flask import Flask

from carriers.page_sizes import DEFAULT_SPLIT_BYTES, parse_split_bytes
from keitai.config import from_environment

TAGS = re.compile(r"<[^>]+>")
NEXT = re.compile(r'<a href="([^"]+)" accesskey="#">')


def _parts(client, path: str, charset: str = "cp932") -> list[bytes]:
    """Follow the next-part links from path; return every part's body."""
    bodies, url = [], path
    while True:
        body = client.get(url).body
        bodies.append(body)
        found = NEXT.search(body.decode(charset))
        if not found:
            return bodies
        url = found.group(1).replace("&amp;", "&")
        assert len(bodies) < 80


def _text(parts: list[bytes], charset: str = "cp932") -> str:
    return "".join(TAGS.sub("", body.decode(charset)) for body in parts)


def _in_order(text: str, count: int) -> bool:
    positions = [text.index(f"{i}: 今日は") for i in range(count)]
    return positions == sorted(positions)


def test_a_long_page_on_a_foma_comes_in_parts_of_6_kb_not_30(handset) -> None:
    parts = _parts(handset("docomo-P903i"), "/_t/long?n=140")
    assert sum(map(len, parts)) > 30 * 1024  # once one part of 30 KB and one more
    assert len(parts) >= 6
    assert all(len(body) <= 6 * 1024 for body in parts)
    assert max(map(len, parts)) > 4 * 1024  # parts are filled, not cut to crumbs
    assert _in_order(_text(parts), 140)


def test_a_mova_handset_gets_parts_of_3_kb(handset) -> None:
    parts = _parts(handset("docomo-N505i"), "/_t/long?n=40")  # 20 KB limit
    assert len(parts) >= 4
    assert all(len(body) <= 3 * 1024 for body in parts)
    assert _in_order(_text(parts), 40)


@pytest.mark.parametrize(("name", "charset", "most"), [
    ("au-W53CA", "cp932", 6 * 1024), ("softbank-930SH", "utf-8", 6 * 1024),
    ("softbank-J-SH10", "cp932", 3 * 1024), ("au-HI01", "cp932", 3 * 1024)])
def test_au_and_softbank_handsets_get_their_familys_size(handset, name: str, charset: str,
                                                         most: int) -> None:
    parts = _parts(handset(name), "/_t/long?n=60", charset)
    assert len(parts) >= 2
    assert all(len(body) <= most for body in parts)
    assert _in_order(_text(parts, charset), 60)


def test_the_configuration_changes_the_size(app: Flask, handset) -> None:
    app.config["SPLIT_BYTES"] = {**app.config["SPLIT_BYTES"], "ixhtml": 10 * 1024}
    parts = _parts(handset("docomo-P903i"), "/_t/long?n=140")
    assert all(len(body) <= 10 * 1024 for body in parts)
    assert max(map(len, parts)) > 8 * 1024
    app.config["SPLIT_BYTES"] = {**app.config["SPLIT_BYTES"], "ixhtml": 0}  # 0: the limit
    parts = _parts(handset("docomo-P903i"), "/_t/long?n=200")
    assert len(parts) >= 2 and max(map(len, parts)) > 20 * 1024


def test_a_size_above_the_limit_is_held_to_the_limit(app: Flask, handset) -> None:
    app.config["SPLIT_BYTES"] = {**app.config["SPLIT_BYTES"], "chtml": 50 * 1024}
    parts = _parts(handset("docomo-D501i"), "/_t/long?n=60")  # 5 KB limit
    assert len(parts) >= 3 and all(len(body) <= 5 * 1024 for body in parts)
    assert max(map(len, parts)) > 4 * 1024


def test_a_form_bigger_than_a_comfortable_part_comes_whole_within_the_limit(handset) -> None:
    client = handset("docomo-P903i")
    page = client.get("/_t/wide?n=250")  # one form of some 9 KB: no cut may fall inside
    assert page.status_int == 200
    text = page.body.decode("cp932")
    assert 6 * 1024 < len(page.body) <= 30 * 1024
    assert text.count("この欄には長い説明が付いています。") == 250
    assert re.search(r'<input type="text" name="note"', text) and "</form>" in text


def test_a_pc_page_is_never_cut(handset) -> None:
    for name in ("pc-Firefox", "smartphone-iPhone"):
        body = handset(name).get("/_t/long?n=300").body
        assert len(body) > 60 * 1024
        assert b'accesskey="#"' not in body and b"pp=2" not in body


def test_the_table_reads_family_equals_bytes_over_the_defaults(monkeypatch) -> None:
    assert parse_split_bytes(None) == DEFAULT_SPLIT_BYTES
    assert parse_split_bytes("chtml=2048, xhtml_mp=0")["chtml"] == 2048
    with pytest.raises(ValueError, match="KEITAI_SPLIT_BYTES"):
        parse_split_bytes("docomo=2048")
    with pytest.raises(ValueError, match="KEITAI_SPLIT_BYTES"):
        parse_split_bytes("chtml=big")
    monkeypatch.setenv("KEITAI_SPLIT_BYTES", "ixhtml=8192")
    config = from_environment()["SPLIT_BYTES"]
    assert config["ixhtml"] == 8192 and config["chtml"] == DEFAULT_SPLIT_BYTES["chtml"]
