"""Page budget: a page over the handset's limit is split into parts, nothing lost."""
from __future__ import annotations

import re

import pytest

TAGS = re.compile(r"<[^>]+>")


def _parts(client, path: str) -> list[bytes]:
    bodies, url = [], path
    while True:
        body = client.get(url).body
        bodies.append(body)
        text = body.decode("cp932")
        nxt = re.search(r'<a href="([^"]+)" accesskey="#">', text)
        if not nxt:
            return bodies
        url = nxt.group(1).replace("&amp;", "&")
        assert len(bodies) < 50


def test_a_30kb_page_is_split_into_3kb_parts_that_hold_the_whole_text(handset) -> None:
    client = handset("docomo-D501i")
    parts = _parts(client, "/_t/long?n=140")
    assert sum(len(body) for body in parts) > 30 * 1024
    assert len(parts) >= 10  # a comfortable 3 KB on a mova (carriers.page_sizes), not 5 KB
    assert all(len(body) <= 3 * 1024 for body in parts)
    text = "".join(TAGS.sub("", body.decode("cp932")) for body in parts)
    positions = [text.index(f"{i}: 今日は") for i in range(140)]
    assert positions == sorted(positions)


def test_parts_are_numbered_and_carry_the_session_and_guid(handset) -> None:
    client = handset("docomo-D501i")
    client.get("/_t/count")
    first = client.get("/_t/long?n=140").body.decode("cp932")
    assert re.search(r"1/\d+", first)
    link = re.search(r'<a href="([^"]+)" accesskey="#">', first).group(1)
    assert "pp=2" in link and "guid=ON" in link


@pytest.mark.parametrize("name", ["docomo-N505i", "softbank-V602T", "au-C5001T"])
def test_a_page_within_the_limit_is_not_split(handset, name: str) -> None:
    body = handset(name).get("/_t/long?n=2").body
    assert b'accesskey="#"' not in body


def test_html_that_is_no_page_of_ours_is_sent_whole_whatever_its_size() -> None:
    from keitai.gateway.paging import fit_page

    redirect = "<!doctype html><p>" + "/login?next=" + "%26" * 3000 + "</p>"
    body = fit_page(redirect, 5 * 1024, str.encode, lambda index, count: "", 0)
    assert body == redirect.encode()  # a redirect's own HTML: never shown, never split
