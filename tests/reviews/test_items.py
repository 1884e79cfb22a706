"""Registering an item from a handset: its facts, its identifier checked, one item per
identifier (a known one leads to its item), one per form, a few a day."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from keitai.db import db
from keitai.features.reviews import service
from keitai.models.review import ReviewItem
from tests.reviews.conftest import ISBN10, ISBN13, add_item, plain


def items(app) -> list[ReviewItem]:
    with app.app_context():
        found = list(db.session.scalars(select(ReviewItem).order_by(ReviewItem.id)))
        db.session.expunge_all()
        return found


def location(response) -> str:
    assert response.status_int == 302, response.status
    return response.headers["Location"]


@pytest.mark.parametrize("name", ["docomo-D501i", "au-W53CA", "softbank-J-SH51", "pc-Firefox"])
def test_a_member_registers_a_book_then_writes_its_review(app, member, logged_in,
                                                          name) -> None:
    me = member("わたし")
    browser = logged_in(name, me)
    form = browser.get("/reviews/items/new")
    done = browser.send(form, {"category": "book", "title": " 駅前喫茶の 午後 ",
                               "creator": "森川 透", "maker": "青葉書房", "year": "2007",
                               "month": "3", "day": "", "code": "4-10-101001-3"})
    [item] = items(app)
    assert (item.category, item.title, item.creator, item.code) == \
        ("book", "駅前喫茶の 午後", "森川 透", ISBN13)
    assert (str(item.released_on), item.released_precision) == ("2007-03-01", "month")
    assert f"/reviews/new?item={item.id}" in location(done)
    text = browser.page(f"/reviews/new?item={item.id}")
    assert "商品を登録しました。" in text and 'name="stars"' in text
    page = plain(browser.page(f"/reviews/items/{item.id}"))
    assert "発売日: 2007年3月" in page and f"ISBN-10: {ISBN10}" in page


def test_a_known_identifier_leads_to_its_item_instead_of_a_second_one(app, member,
                                                                     logged_in) -> None:
    me = member("わたし")
    known = add_item(app, member("はなこ"))
    browser = logged_in("docomo-N505i", me)
    form = browser.get("/reviews/items/new")
    done = browser.send(form, {"category": "book", "title": "別の題", "code": ISBN10})
    assert f"/reviews/new?item={known}" in location(done)
    assert "この商品はすでに登録されています。" in browser.page(f"/reviews/new?item={known}")
    assert len(items(app)) == 1
    # the search on the writing page does the same
    assert f"/reviews/new?item={known}" in location(browser.get(f"/reviews/new?q={ISBN13}"))


def test_a_wrong_check_digit_or_a_bad_date_is_refused_and_nothing_written(
        app, member, logged_in) -> None:
    browser = logged_in("au-W53CA", member("わたし"))
    form = browser.get("/reviews/items/new")
    for fields, message in (
            ({"code": "9784101010015"}, "チェックディジット"),
            ({"code": "12345"}, "数字10桁"),
            ({"year": "2007", "day": "3"}, "発売日"),
            ({"title": ""}, "タイトルを入力してください。"),
            ({"category": "food"}, "カテゴリを選んでください。")):
        refused = browser.send(form, {"category": "cd", "title": "夏の歌", **fields})
        text = browser.text(refused)
        assert refused.status_int == 200 and message in text
        if "title" not in fields:
            assert 'value="夏の歌"' in text  # what they typed stays
    assert items(app) == []


def test_a_double_submit_registers_one_item(app, member, logged_in) -> None:
    browser = logged_in("softbank-930SH", member("わたし"))
    form = browser.get("/reviews/items/new")
    first = browser.send(form, {"category": "game", "title": "ポケットダンジョン2"})
    again = browser.send(form, {"category": "game", "title": "ポケットダンジョン2"})
    assert location(first) == location(again) and len(items(app)) == 1


def test_new_items_are_limited_per_member_and_day(app, member) -> None:
    me = member("わたし")
    for n in range(service.ITEMS_PER_DAY):
        add_item(app, me, f"本{n}", code=None)
    with pytest.raises(service.DomainError, match="1日10件まで"):
        add_item(app, me, "もう一冊", code=None)
    assert len(items(app)) == service.ITEMS_PER_DAY
