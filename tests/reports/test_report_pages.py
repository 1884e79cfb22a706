"""Reporting through the whole stack: the 通報 link on every item's page, the form, the
thank-you page, and every refusal a member may meet."""
from __future__ import annotations

import html
import re

import pytest
from sqlalchemy import select

from keitai.db import db
from keitai.features.diary import service as diary
from keitai.features.reports import service
from keitai.models import Report
from keitai.moderation import items
from simulator.checker.run import check_response
from simulator.profiles import builtin_profiles
from simulator.transport import WsgiTransport
from tests.handsets import PAGE_PROFILES, assert_fits_handset
from tests.reports.conftest import World, key
from tests.social.conftest import access_key, block

#: cookie-less docomo, au, SoftBank and a PC
HANDSETS = ["docomo-N505i", "au-W53CA", "softbank-930SH", "pc-Firefox"]
SIMULATED = {profile.name: profile for profile in builtin_profiles()}


def report_href(page: str, kind: str, item_id: int) -> str | None:
    """Return the address of the page's 通報 link of one item, None when there is none."""
    for href, text in re.findall(r'<a href="([^"]*)"[^>]*>(.*?)</a>', page, re.S):
        if text == "通報" and html.unescape(href).split("?")[0] == f"/report/{kind}/{item_id}":
            return html.unescape(href)
    return None


def item_url(app, kind: str, item_id: int) -> str:
    with app.app_context():
        item = items.load(kind, item_id)
        assert item is not None and item.url is not None
        return item.url


def reports(app) -> list[tuple[int, str, int, int | None, str, str]]:
    with app.app_context():
        return [(r.reporter_id, r.kind, r.item_id, r.author_id, r.reason, r.text)
                for r in db.session.scalars(select(Report).order_by(Report.id))]


@pytest.mark.parametrize("name", HANDSETS)
def test_every_kind_is_reported_from_its_own_page(app, world: World, logged_in, name) -> None:
    browser = logged_in(name, world.reader)
    for kind, item_id in world.ids.items():
        page = browser.page(item_url(app, kind, item_id))
        href = report_href(page, kind, item_id)
        assert href is not None, kind
        form_page = browser.get(href)
        form = browser.text(form_page)
        assert "通報" in form and "迷惑行為・スパム" in form and "その他" in form
        assert ("運営がこのミニメール1通だけを確認します" in form) == (kind == "message")
        typed = "ひどい内容です".encode(
            "cp932" if browser.handset.charset == "shift_jis" else "utf-8") + browser.sun()
        sent = browser.send(form_page, {"reason": "abuse", "text": typed})
        text = browser.text(sent)
        assert "通報を受け付けました" in text, kind
        assert access_key(text, "9", "元のページへ戻る") and access_key(text, "0", "トップ")
    stored = reports(app)
    assert [(r[1], r[2]) for r in stored] == list(world.ids.items())
    assert {r[0] for r in stored} == {world.reader} and {r[3] for r in stored} == {world.author}
    assert {r[4] for r in stored} == {"abuse"}
    assert {r[5] for r in stored} == {"ひどい内容です☀"}


def test_the_author_sees_no_report_link_and_cannot_report_their_own(app, world: World,
                                                                   logged_in) -> None:
    browser = logged_in("docomo-P903i", world.author)
    for kind, item_id in world.ids.items():
        page = browser.page(item_url(app, kind, item_id))
        assert report_href(page, kind, item_id) is None, kind
        # only a mini mail's recipient may report it: to its sender it is not there
        refused = 404 if kind == "message" else 403
        response = browser.get(f"/report/{kind}/{item_id}", expect_errors=True)
        assert response.status_int == refused, kind
    assert reports(app) == []


def test_a_reason_is_required_and_the_text_is_short(app, world: World, logged_in) -> None:
    browser = logged_in("au-W53CA", world.reader)
    url = f"/report/diary/{world.ids['diary']}"
    sent = browser.submit(browser.get(url), {"text": "理由なし"})
    text = browser.text(sent)
    assert "通報の理由を選んでください。" in text and "理由なし" in text
    sent = browser.submit(browser.get(url), {"reason": "other", "text": "長" * 501})
    assert "内容は500文字以内で入力してください" in browser.text(sent)
    sent = browser.submit(browser.get(url), {"reason": "nonsense"})
    assert "通報の理由を選んでください。" in browser.text(sent)
    assert reports(app) == []


def test_a_member_reports_an_item_once(app, world: World, logged_in) -> None:
    browser = logged_in("softbank-930SH", world.reader)
    url = f"/report/topic/{world.ids['topic']}"
    form_page = browser.get(url)
    browser.submit(form_page, {"reason": "spam"})
    again = browser.submit(form_page, {"reason": "dating"})
    assert again.status_int == 200
    assert "この投稿はすでに通報済みです" in browser.text(again)
    page = browser.page(url)
    assert "すでに通報済み" in page and "<form" not in page
    assert len(reports(app)) == 1
    # another member may report the same item
    other = logged_in("pc-Firefox", world.other)
    other.submit(other.get(url), {"reason": "spam"})
    assert len(reports(app)) == 2


def test_a_member_reports_nothing_they_cannot_see(app, world: World, member,
                                                 logged_in) -> None:
    with app.app_context():
        private = diary.create_diary(world.author, "ひみつ", "本文", "only_me", key())
        friends_only = diary.create_diary(world.author, "友人まで", "本文", "friends", key())
        db.session.commit()
    browser = logged_in("docomo-N505i", world.reader)
    for diary_id in (private, friends_only):
        assert browser.get(f"/report/diary/{diary_id}", expect_errors=True).status_int == 404
    # someone else's mini mail
    other = logged_in("au-W53CA", world.other)
    assert other.get(f"/report/message/{world.ids['message']}",
                     expect_errors=True).status_int == 404
    # no such item, no such kind
    assert browser.get("/report/diary/999999", expect_errors=True).status_int == 404
    assert browser.get("/report/album/1", expect_errors=True).status_int == 404
    # a block stands between them: her page, her diary, her comments are not there
    block(app, world.author, world.reader)
    for kind in ("profile", "diary", "diary_comment", "picture_comment", "topic_comment"):
        response = browser.get(f"/report/{kind}/{world.ids[kind]}", expect_errors=True)
        assert response.status_int == 404, kind
    assert reports(app) == []


def test_a_visitor_is_sent_to_log_in(app, world: World) -> None:
    from tests.handsets import client_for

    visitor = client_for(app, "pc-Firefox")
    response = visitor.get(f"/report/diary/{world.ids['diary']}")
    assert response.status_int in (302, 303)
    assert "/login" in response.headers["Location"]
    assert "/report/diary" in html.unescape(response.headers["Location"]).replace("%2F", "/")


def test_a_member_sends_at_most_30_reports_a_day(app, world: World, logged_in) -> None:
    with app.test_request_context():
        diaries = [diary.create_diary(world.author, f"日記{n}", "本文", "everyone", key())
                   for n in range(service.REPORTS_PER_DAY + 1)]
        db.session.commit()
        for diary_id in diaries[:-1]:  # one unit of work each, as the pages do
            service.report(world.reader, "diary", diary_id, "spam", "")
            db.session.commit()
    browser = logged_in("docomo-N505i", world.reader)
    sent = browser.submit(browser.get(f"/report/diary/{diaries[-1]}"), {"reason": "spam"})
    assert "通報は1日30件までです" in browser.text(sent)
    assert len(reports(app)) == service.REPORTS_PER_DAY


def no_checker_errors(app, browser, path: str, response) -> None:
    """Assert the site checker finds no error on the response, as the handset got it."""
    findings = check_response(SIMULATED[browser.profile.name], "http://keitai.test" + path,
                              response.status_int, response.headerlist, response.body,
                              transport=WsgiTransport(app))
    errors = [f"{f.rule}: {f.message}" for f in findings if f.severity == "error"]
    assert errors == [], (path, errors)


@pytest.mark.parametrize("name", PAGE_PROFILES + ["docomo-D501i"])
def test_the_report_pages_fit_every_handset(app, world: World, logged_in, name) -> None:
    browser = logged_in(name, world.reader)
    for kind, item_id in world.ids.items():
        path = f"/report/{kind}/{item_id}"
        response = browser.get(path)
        text = browser.text(response)
        assert_fits_handset(browser.handset, response, text)
        no_checker_errors(app, browser, path, response)
        assert access_key(text, "0", "トップ") and access_key(text, "9", "戻る"), kind
        assert 'type="radio"' in text
    path = f"/report/poll/{world.ids['poll']}"
    done = browser.submit(browser.get(path), {"reason": "copyright", "text": "あ" * 500})
    text = browser.text(done)
    assert_fits_handset(browser.handset, done, text)
    no_checker_errors(app, browser, path, done)
    assert "通報を受け付けました" in text
    already = browser.get(path)
    assert "すでに通報済み" in browser.text(already)
    no_checker_errors(app, browser, path, already)
    # every item's page with its 通報 links still fits, and the checker finds no error
    for kind, item_id in world.ids.items():
        url = item_url(app, kind, item_id)
        response = browser.get(url)
        assert_fits_handset(browser.handset, response, browser.text(response))
        no_checker_errors(app, browser, url, response)
