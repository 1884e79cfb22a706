"""/settings/notices turns kinds on and off; the link in every notice mail turns its kind off
without logging in, by POST only, and no page of either breaks a handset's rules."""
from __future__ import annotations

import html
import re
from collections.abc import Callable
from urllib.parse import quote

import pytest
from flask import Flask

from keitai.notices import KINDS, prefs
from simulator.mailbox import Mailbox
from tests.friend_lists.test_every_page import no_checker_errors
from tests.handsets import PAGE_PROFILES, assert_fits_handset, client_for, page_forms
from tests.notices import actions
from tests.notices.conftest import Clock, links, notice_mails, path_of
from tests.social.conftest import access_key

Person = Callable[..., tuple[int, str]]
CHECKBOX = re.compile(r'<input type="checkbox" name="on" value="([a-z_]+)"( checked="checked")?')


def kinds_off(app: Flask, member_id: int) -> set[str]:
    """Return the kinds the member turned off, as stored."""
    with app.app_context():
        return prefs.kinds_off(member_id)


def save(browser, page, kinds_on: list[str]):  # type: ignore[no-untyped-def]
    """Send the settings form with these boxes checked (and the page's hidden fields)."""
    form = page_forms(page)[0]
    fields = [*form.fields.items(), *(("on", kind) for kind in kinds_on)]
    body = "&".join(f"{quote(k)}={quote(v)}" for k, v in fields)
    return browser.post(form.action, body, content_type="application/x-www-form-urlencoded")


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_the_settings_page_fits_every_handset_and_saves_the_kinds_checked(
        app: Flask, logged_in, person: Person, name: str) -> None:
    me, address = person("はなこ")
    browser = logged_in(name, me)
    page = browser.get("/settings/notices")
    text = browser.text(page)
    assert_fits_handset(browser.handset, page, text)
    no_checker_errors(app, browser, "/settings/notices", page)
    assert [(kind, bool(on)) for kind, on in CHECKBOX.findall(text)] == [
        (kind, True) for kind in KINDS]  # every kind on by default
    assert address in text
    assert access_key(text, "0", "トップ")
    saved = save(browser, page, [kind for kind in KINDS if kind != "diary_comment"])
    assert saved.status_int == 302
    assert kinds_off(app, me) == {"diary_comment"}
    text = browser.page("/settings/notices")
    assert "お知らせメールの設定を保存しました。" in text
    assert dict(CHECKBOX.findall(text))["diary_comment"] == ""
    save(browser, browser.get("/settings/notices"), list(KINDS))
    assert kinds_off(app, me) == set()


def test_a_kind_turned_off_is_not_mailed_and_the_others_still_are(
        app: Flask, logged_in, person: Person, mailbox: Mailbox, clock: Clock) -> None:
    me, address = person("はなこ")
    other, _ = person("たろう")
    browser = logged_in("docomo-P903i", me)
    save(browser, browser.get("/settings/notices"),
         [kind for kind in KINDS if kind != "diary_comment"])
    diary_id = actions.write_diary(app, me)
    actions.comment_on_diary(app, diary_id, other)
    actions.send_message_by_service(app, other, me, "こんにちは")
    clock.run(hours=2)
    assert [m["Subject"] for m in notice_mails(mailbox, address)] == ["ミニメールが届きました"]


def _unsubscribe_link(app: Flask, person: Person, mailbox: Mailbox,
                      clock: Clock) -> tuple[int, str, str]:
    """はなこ gets a comment notice; return her id, address and the mail's turn-off path."""
    me, address = person("はなこ")
    other, _ = person("たろう")
    diary_id = actions.write_diary(app, me)
    actions.comment_on_diary(app, diary_id, other)
    clock.run(minutes=2)
    [mail] = notice_mails(mailbox, address)
    _page, off = links(mail)
    assert "guid=ON" in off
    return me, address, path_of(off)


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_the_link_in_the_mail_turns_that_kind_off_without_logging_in_by_post_only(
        app: Flask, person: Person, mailbox: Mailbox, clock: Clock, name: str) -> None:
    me, address, off = _unsubscribe_link(app, person, mailbox, clock)
    visitor = client_for(app, name)
    page = visitor.get(off)
    text = visitor.text(page)
    assert_fits_handset(visitor_handset(name), page, text)
    no_checker_errors(app, visitor, off, page)
    assert "「日記にコメントがあったとき」のお知らせメールを止めます。" in text
    visitor.get(off)
    assert kinds_off(app, me) == set()  # opening the link changes nothing
    form = page_forms(page)[0]
    assert form.method == "post" and "t" in form.fields
    done = visitor.submit(page)
    assert "のお知らせメールを止めました。" in visitor.text(done)
    assert kinds_off(app, me) == {"diary_comment"}
    diary_id = actions.write_diary(app, me, "もうひとつ")
    other, _ = person("じろう")
    actions.comment_on_diary(app, diary_id, other)
    clock.run(hours=2)
    assert len(notice_mails(mailbox, address)) == 1


def visitor_handset(name: str):  # type: ignore[no-untyped-def]
    """Return what the site detects about a visitor's handset."""
    from tests.diary.browsing import handset_of

    return handset_of(name)


def test_a_forged_or_cut_turn_off_link_turns_nothing_off(
        app: Flask, person: Person, mailbox: Mailbox, clock: Clock) -> None:
    me, _address, off = _unsubscribe_link(app, person, mailbox, clock)
    token = html.unescape(off.split("t=", 1)[1].split("&", 1)[0])
    member_id, kind, mac = token.split(".")
    visitor = client_for(app, "docomo-P903i")
    for forged in (f"{member_id}.message.{mac}", f"{int(member_id) + 1}.{kind}.{mac}",
                   token[:-3], "", "x" * 500):
        text = visitor.text(visitor.get(f"/settings/notices/off?t={forged}"))
        assert "このURLは正しくありません。" in text
    page = visitor.get(off)
    form = page_forms(page)[0]
    refused = visitor.post(form.action, {"t": token}, expect_errors=True)  # no CSRF token
    assert refused.status_int >= 400
    assert kinds_off(app, me) == set()
