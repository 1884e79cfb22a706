"""Emoji through the whole app: in from one carrier, out to every other as its own emoji."""
from __future__ import annotations

import re

import pytest

#: what a docomo ☀ (F89F) looks like on each handset's page
SUN = {
    "au-W53CA": b"\xf6\x60",
    "softbank-930SH": "\ue04a".encode(),
    "softbank-V602T": b"\x1b$Gj\x0f",
    "pc-Firefox": "☀".encode(),
    "smartphone-iPhone": "☀".encode(),
    "docomo-P903i": b"\xf8\x9f",
    "willcom-WX310SA": b"\xf8\x9f",
    "au-HI01": b'<img localsrc="44" />',
}


def _post_from_docomo(handset, body: bytes) -> None:
    client = handset("docomo-P903i")
    page = client.get("/_t/board").body.decode("cp932")
    form = re.search(r"<form.*?</form>", page, re.S).group(0)
    fields = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', form))
    encoded = "&".join(f"{k}={v}" for k, v in fields.items())
    from urllib.parse import quote_from_bytes

    client.post("/_t/board?guid=ON", f"{encoded}&body={quote_from_bytes(body)}",
                content_type="application/x-www-form-urlencoded", status=302)


@pytest.mark.parametrize("reader", sorted(SUN))
def test_docomo_sun_is_shown_to_every_handset_as_its_own_emoji(handset, reader: str) -> None:
    _post_from_docomo(handset, "今日は".encode("cp932") + b"\xf8\x9f" + "でした".encode("cp932"))
    body = handset(reader).get("/_t/board").body
    charset = "utf-8" if reader in ("softbank-930SH", "pc-Firefox", "smartphone-iPhone") \
        else "cp932"
    expected = "今日は".encode(charset) + SUN[reader] + "でした".encode(charset)
    assert expected in body


def test_template_authors_name_emoji_and_each_handset_gets_its_own(handset) -> None:
    assert "天気: ".encode("cp932") + b"\xf8\x9f" in handset("docomo-N505i").get("/_t/emoji").body
    assert "天気: ".encode("cp932") + b"\xf6\x60" in handset("au-W53CA").get("/_t/emoji").body
    assert "天気: ☀".encode() in handset("pc-Firefox").get("/_t/emoji").body


def test_an_emoji_a_carrier_lacks_becomes_its_text_fallback(handset) -> None:
    client = handset("pc-Firefox")
    page = client.get("/_t/board").text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    client.post("/_t/board", {"csrf_token": csrf, "body": "象\U0001f418"}, status=302)
    docomo = handset("docomo-N505i").get("/_t/board").body.decode("cp932")
    assert "<div>象[ゾウ]</div>" in docomo
    au = handset("au-W53CA").get("/_t/board").body
    assert "<div>象".encode("cp932") + b"\xf3\xe0</div>" in au
