"""Reviews as items operators see: reported (通報) from their pages, hidden, shown again and
deleted through the moderation registry, and gone with everything a troll wrote."""
from __future__ import annotations

import html
import re

import pytest
from sqlalchemy import func, select

from keitai.db import db
from keitai.features.reports import service as reports
from keitai.models import Report
from keitai.moderation import items
from tests.reviews.conftest import HANDSETS, add_item, add_review, item_counts, plain, run
from tests.social.conftest import block


def report_href(page: str, review_id: int) -> str | None:
    for href, text in re.findall(r'<a href="([^"]*)"[^>]*>(.*?)</a>', page, re.S):
        if text == "通報" and html.unescape(href).split("?")[0] == f"/report/review/{review_id}":
            return html.unescape(href)
    return None


@pytest.mark.parametrize("name", HANDSETS)
def test_a_member_reports_a_review_from_its_page_and_the_item_page(app, member, logged_in,
                                                                   name) -> None:
    author, reader = member("はなこ"), member("たろう")
    item = add_item(app, author)
    review = add_review(app, author, item, 1, "ひどい悪口")
    browser = logged_in(name, reader)
    assert report_href(browser.page(f"/reviews/items/{item}"), review)
    href = report_href(browser.page(f"/reviews/{review}"), review)
    assert href is not None
    form = browser.get(href)
    assert "「駅前喫茶の午後」のレビュー" in browser.text(form)
    done = browser.submit(form, {"reason": "abuse", "text": ""})
    assert done.status_int == 200
    with app.app_context():
        [row] = db.session.scalars(select(Report)).all()
        assert (row.kind, row.item_id, row.author_id, row.reporter_id) == \
            ("review", review, author, reader)
    # the author sees no 通報 link on their own review
    assert report_href(logged_in(name, author).page(f"/reviews/{review}"), review) is None


def test_operators_read_hide_show_and_delete_a_reported_review(app, member) -> None:
    author, reader = member("はなこ"), member("たろう")
    item = add_item(app, author, "駅前喫茶の午後")
    review = add_review(app, author, item, 2, "ひどい悪口")
    run(app, lambda: reports.report(reader, "review", review, "abuse", "悪口です"))
    with app.test_request_context():
        [listed] = reports.reported()
        assert (listed.kind, listed.item_id) == ("review", review)
        loaded = listed.item
        assert loaded is not None and loaded.label == "レビュー"
        assert loaded.title == "「駅前喫茶の午後」のレビュー" and loaded.text == "ひどい悪口"
        assert loaded.url == f"/reviews/{review}" and loaded.author_id == author
    run(app, lambda: items.hide("review", review, None))
    with app.test_request_context():
        hidden = items.load("review", review)
        assert hidden is not None and hidden.hidden and hidden.text == "ひどい悪口"
    assert item_counts(app, item) == (0, 0)
    run(app, lambda: items.unhide("review", review))
    assert item_counts(app, item) == (1, 2)
    run(app, lambda: items.delete("review", review))
    assert item_counts(app, item) == (0, 0)
    with app.app_context():
        assert items.load("review", review) is None


def test_a_blocked_member_neither_sees_nor_reports_the_review(app, member, logged_in) -> None:
    author, reader = member("はなこ"), member("たろう")
    item = add_item(app, author)
    review = add_review(app, author, item, 4, "ふつう")
    block(app, author, reader)
    browser = logged_in("docomo-N505i", reader)
    assert browser.get(f"/reviews/{review}", expect_errors=True).status_int == 404
    assert "ふつう" not in plain(browser.page(f"/reviews/items/{item}"))
    assert browser.get(f"/report/review/{review}", expect_errors=True).status_int == 404


def test_deleting_everything_a_member_wrote_takes_their_reviews_and_counts(app,
                                                                          member) -> None:
    troll, other = member("あらし"), member("はなこ")
    first, second = add_item(app, other), add_item(app, other, "別の本", code=None)
    add_review(app, troll, first, 1)
    add_review(app, troll, second, 1)
    add_review(app, other, first, 5)
    gone = run(app, lambda: items.delete_everything_by(troll))
    assert gone == 2
    assert item_counts(app, first) == (1, 5) and item_counts(app, second) == (0, 0)
    with app.app_context():
        from keitai.models import Review

        assert db.session.scalar(select(func.count()).select_from(Review)) == 1
