"""/handset speaks Japanese on every handset; the headers it got are one link further, without
cookies, credentials, the session token or whole terminal ids."""
from __future__ import annotations

import re

import pytest

from tests.friend_lists.test_every_page import no_checker_errors
from tests.handsets import PAGE_PROFILES, SUBSCRIBER_IDS
from tests.social.conftest import access_key, logged_in, member  # noqa: F401 - fixtures

#: every label /handset may show, in Japanese (a technical name only in parentheses)
LABELS = {
    "端末の種類", "機種", "ブラウザ", "画面の大きさ", "画面の文字数(横×縦)", "色数", "画面の色",
    "ページ上限", "キャッシュ容量", "文字コード", "マークアップ", "クッキー",
    "検索エンジンのクローラ", "ゲートウェイ経由", "接続元", "端末ID",
    "契約者固有ID (subscriber_id)", "製造番号 (serial)", "FOMAカードの製造番号 (icc)",
    "入力テスト(かな)", "数字", "受信",
}
#: labels every handset's page has
ALWAYS = {"端末の種類", "機種", "画面の大きさ", "ページ上限", "キャッシュ容量", "文字コード",
          "マークアップ", "クッキー", "検索エンジンのクローラ", "ゲートウェイ経由", "端末ID"}
#: what the page said in English before, and header names it dumped
ENGLISH = ("Cookie", "characters", "colours", "subscriber_id:", "X-UP-DEVCAP", "X-JPHONE",
           "X-S-DISPLAY", "serial:", "card_id")
#: a label line: text up to ": " at the start of a line
_LABEL = re.compile(r"^([^<>\n:]+):(?: |<br />)", re.M)
#: the parts of a label that may be ASCII: parenthesised technical names, ID, and the name
#: docomo gives its SIM card (FOMAカード)
_ALLOWED_ASCII = re.compile(r"\([^)]*\)|ID|FOMA")
NAMES = ["docomo-N505i", "docomo-P903i", "docomo-D501i", "au-W53CA", "softbank-930SH",
         "softbank-J-SH51", "pc-Firefox"]


def is_japanese(label: str) -> bool:
    """Tell whether a label is Japanese: kana or kanji, and no English outside parentheses."""
    bare = _ALLOWED_ASCII.sub("", label)
    return re.search(r"[A-Za-z]", bare) is None and re.search(r"[\u3040-\u9fff]", bare) is not None


def test_the_label_list_is_japanese() -> None:
    assert all(is_japanese(label) for label in LABELS), [x for x in LABELS if not is_japanese(x)]
    assert not is_japanese("Cookie") and not is_japanese("subscriber_id (契約者固有ID)")


@pytest.mark.parametrize("name", NAMES)
def test_every_label_on_the_page_is_a_japanese_one(handset, name: str) -> None:
    client = handset(name)
    page = client.text(client.get("/handset?guid=ON&sample=%82%A0" if name.startswith(
        ("docomo", "au", "softbank-J")) else "/handset?guid=ON&sample=%E3%81%82"))
    body = re.split(r"<body[^>]*>", page, maxsplit=1)[1]  # a PC's body has a class
    found = set(_LABEL.findall(body))
    assert found <= LABELS, found - LABELS
    assert ALWAYS <= found, ALWAYS - found
    assert not [word for word in ENGLISH if word in page]
    if name.startswith(("docomo-P903i", "au-")):
        assert {"画面の文字数(横×縦)", "色数"} <= found
    if name != "pc-Firefox":
        assert "契約者固有ID (subscriber_id)" in found or name == "docomo-D501i" or (
            name == "softbank-J-SH51")
    assert access_key(page, "7", "送られたヘッダーを見る")
    assert access_key(page, "0", "トップ")


@pytest.mark.parametrize("name", PAGE_PROFILES + ["docomo-D501i"])
def test_both_pages_pass_the_site_checker_on_every_handset(app, handset, name: str) -> None:
    client = handset(name)
    for path in ("/handset", "/handset/headers"):
        response = client.get(path)
        no_checker_errors(app, client, path, response)
        assert access_key(client.text(response), "0", "トップ"), path


def test_the_headers_page_lists_the_headers_with_terminal_ids_masked(handset) -> None:
    client = handset("au-W53CA")
    page = client.text(client.click(client.get("/handset"), "送られたヘッダーを見る"))
    assert "User-Agent:<br />\nKDDI-CA39 UP.Browser/6.2" in page
    assert "X-Up-Devcap-Screenpixels:<br />\n240,348" in page
    subno = SUBSCRIBER_IDS["au"]
    assert subno not in page and f"{subno[:3]}{'*' * (len(subno) - 5)}{subno[-2:]}" in page
    assert access_key(page, "9", "端末情報")


def test_the_headers_page_escapes_what_it_was_sent(handset) -> None:
    client = handset("softbank-930SH")
    page = client.text(client.get("/handset/headers",
                                  headers={"X-Test": '<b onmouseover="x()">&amp;</b>'}))
    assert "&lt;b onmouseover=&#34;x()&#34;&gt;&amp;amp;&lt;/b&gt;" in page
    assert "<b onmouseover" not in page


@pytest.mark.parametrize("name", ["docomo-N505i", "softbank-930SH", "pc-Firefox"])
def test_the_headers_page_never_shows_cookies_credentials_or_the_session(
        app, member, logged_in, name: str) -> None:  # noqa: F811 - the fixtures
    browser = logged_in(name, member("たろう"))
    token = browser.token
    assert token
    referer = f"http://keitai.test/home?ksid={token}&guid=ON"
    response = browser.get("/handset/headers", headers={
        "Referer": referer, "Authorization": "Basic dGFybzpzZWNyZXQ=",
        "Cookie": f"ksid={token}; kpre=pre-secret-value", "X-Echo": f"token={token}"})
    page = browser.text(response)
    assert response.status_int == 200
    # our own links carry the token where the handset keeps no cookie: the listing never does
    assert token not in re.sub(r'href="[^"]*"', "", page)
    for secret in ("dGFybzpzZWNyZXQ=", "pre-secret-value", "Cookie", "Authorization"):
        assert secret not in page, secret
    assert "Referer:<br />\nhttp://keitai.test/home<br />" in page
    assert "X-Echo:<br />\ntoken=(表示しません)<br />" in page
