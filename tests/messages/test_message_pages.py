"""Messages on every kind of handset: write with emoji, read, reply, delete one's copy."""
from __future__ import annotations

import re

import pytest

from tests.diary.browsing import access_key, charset_of, check_page, sun_bytes
from tests.handsets import PAGE_PROFILES
from tests.messages.helpers import messages_between


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_a_member_sends_a_message_with_a_sun_from_the_handset(
        app, member, browse, name: str) -> None:
    taro, hanako = member("たろう"), member("はなこ")
    browser = browse(name, taro)
    form = browser.get(f"/messages/new?to={hanako}")
    text = check_page(browser, form)
    assert "宛先: " in text and "はなこ" in text and 'name="subject"' in text
    assert "<textarea" in text and access_key(text, "3", "受信箱")
    charset = charset_of(form)
    body = "あした".encode(charset) + sun_bytes(name) + "かな".encode(charset)
    done = browser.submit(form, {"subject": "おでかけ", "body": body})
    assert browser.location(done) == "/messages/sent"
    sent = browser.get("/messages/sent")
    text = check_page(browser, sent)
    assert "はなこさんにミニメールを送りました" in text and "おでかけ" in text
    assert "宛先:はなこ" in text and access_key(text, "1", "受信箱")
    [row] = messages_between(app, taro, hanako)
    assert row.subject == "おでかけ" and row.body == "あした☀かな" and row.read_at is None
    page = browser.get(f"/messages/{row.id}")
    assert body in page.body
    assert not access_key(check_page(browser, page), "1", "返信する")


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_the_recipient_reads_replies_and_deletes_on_the_handset(
        app, member, browse, name: str) -> None:
    taro, hanako = member("たろう"), member("はなこ")
    docomo = browse("docomo-P903i", taro)
    docomo.submit(docomo.get(f"/messages/new?to={hanako}"),
                  {"subject": "晴れたね", "body": "今日は".encode("cp932") + b"\xf8\x9f"})
    browser = browse(name, hanako)
    inbox = browser.get("/messages")
    text = check_page(browser, inbox)
    assert "未読" in text and "晴れたね" in text and "たろう" in text
    assert access_key(text, "1", "送信箱")
    [path] = re.findall(r'href="(/messages/\d+)[?"]', text)
    page = browser.get(path)
    text = check_page(browser, page)
    assert "今日は".encode(charset_of(page)) + sun_bytes(name) in page.body
    assert access_key(text, "1", "返信する") and access_key(text, "3", "削除")
    assert access_key(text, "9", "受信箱")
    assert "未読" not in check_page(browser, browser.get("/messages"))

    reply_path = re.search(r'href="(/messages/new\?[^"]+)" accesskey="1"', text).group(1)
    form = browser.client.get(reply_path.replace("&amp;", "&"))
    assert 'value="Re: 晴れたね"' in check_page(browser, form)
    browser.submit(form, {"body": "ほんとだね"})
    [reply] = messages_between(app, hanako, taro)
    assert reply.subject == "Re: 晴れたね"

    confirm = browser.get(f"{path}/delete")
    text = check_page(browser, confirm)
    assert "「晴れたね」を削除します" in text and access_key(text, "9", "削除しないで戻る")
    browser.submit(confirm, {})
    text = check_page(browser, browser.get("/messages"))
    assert "ミニメールを削除しました" in text and "晴れたね" not in text
    assert "晴れたね" in docomo.text(docomo.get("/messages/sent"))
