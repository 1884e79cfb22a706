"""Writing reviews from a handset: one per member and item, emoji in and out, double submits,
bad input and other members' reviews."""
from __future__ import annotations

import re

import pytest
from sqlalchemy.exc import IntegrityError

from keitai import submit_keys
from keitai.db import db
from keitai.features.reviews import service
from keitai.models.review import REVIEW_BODY_MAX, Review, ReviewItem
from tests.handsets import PAGE_PROFILES
from tests.reviews.conftest import add_item, add_review, item_counts, plain, review_rows


def charset(response) -> str:
    return "cp932" if (response.charset or "").lower() in ("shift_jis", "sjis") else "utf-8"


def path_of(response) -> str:
    assert response.status_int in (302, 303), response.status
    return re.sub(r"^https?://[^/]+", "", response.headers["Location"]).split("?")[0]


@pytest.mark.parametrize("name", PAGE_PROFILES + ["docomo-D501i", "smartphone-iPhone"])
def test_a_member_writes_a_review_with_a_sun_and_reads_it_back_as_their_emoji(
        app, member, logged_in, name) -> None:
    me = member("わたし")
    item = add_item(app, member("はなこ"))
    browser = logged_in(name, me)
    form = browser.get(f"/reviews/new?item={item}")
    text = browser.page(f"/reviews/new?item={item}")
    assert "駅前喫茶の午後" in text and 'name="stars"' in text and "<textarea" in text
    body = "晴れた日に".encode(charset(form)) + browser.sun() + "読みました".encode(charset(form))
    done = browser.send(form, {"stars": "4", "body": body})
    shown = path_of(done)
    assert re.fullmatch(r"/reviews/\d+", shown)
    page = browser.get(shown)
    browser.page(shown)
    assert body in page.body
    [row] = review_rows(app)
    assert (row.author_id, row.item_id, row.stars) == (me, item, 4)
    assert row.body == "晴れた日に☀読みました"  # stored as Unicode, whatever the handset
    assert item_counts(app, item) == (1, 4)


@pytest.mark.parametrize("name", ["docomo-N505i", "au-W53CA", "softbank-930SH",
                                  "softbank-J-SH51", "pc-Firefox"])
def test_a_sun_written_on_docomo_shows_as_each_handsets_own_emoji(app, member, logged_in,
                                                                   name) -> None:
    writer, reader = member("はなこ"), member("たろう")
    item = add_item(app, writer)
    docomo = logged_in("docomo-P903i", writer)
    form = docomo.get(f"/reviews/new?item={item}")
    done = docomo.send(form, {"stars": "5", "body": "今日は".encode("cp932") + b"\xf8\x9f"})
    browser = logged_in(name, reader)
    for path in (path_of(done), f"/reviews/items/{item}"):
        page = browser.get(path)
        browser.page(path)
        assert "今日は".encode(charset(page)) + browser.sun() in page.body


def test_a_second_review_of_the_same_item_opens_the_edit_of_the_first(app, member,
                                                                     logged_in) -> None:
    me = member("わたし")
    item = add_item(app, member("はなこ"))
    first = add_review(app, me, item, 3, "まあまあ")
    browser = logged_in("docomo-N505i", me)
    response = browser.get(f"/reviews/new?item={item}")
    assert path_of(response) == f"/reviews/{first}/edit"
    text = browser.page(f"/reviews/{first}/edit")
    assert "まあまあ" in text and "すでに書いています" in text
    assert 'value="3" selected="selected"' in text


def test_a_double_submit_writes_one_review(app, member, logged_in) -> None:
    me = member("わたし")
    item = add_item(app, member("はなこ"))
    browser = logged_in("au-W53CA", me)
    form = browser.get(f"/reviews/new?item={item}")
    first = browser.send(form, {"stars": "5", "body": "最高"})
    again = browser.send(form, {"stars": "5", "body": "最高"})
    assert path_of(first) == path_of(again)
    assert len(review_rows(app)) == 1 and item_counts(app, item) == (1, 5)


def test_a_second_form_for_the_same_item_writes_nothing_and_offers_the_edit(
        app, member, logged_in) -> None:
    me = member("わたし")
    item = add_item(app, member("はなこ"))
    browser = logged_in("pc-Firefox", me)
    one, two = (browser.get(f"/reviews/new?item={item}") for _ in range(2))
    browser.send(one, {"stars": "5", "body": "最初の感想"})
    refused = browser.send(two, {"stars": "1", "body": "別のページから"})
    text = browser.text(refused)
    assert refused.status_int == 200 and "すでに書いています" in text
    assert "別のページから" in text and "/edit" in text  # what they typed, in the edit form
    [row] = review_rows(app)
    assert (row.stars, row.body) == (5, "最初の感想") and item_counts(app, item) == (1, 5)


def test_two_reviews_of_one_item_by_one_member_at_once_make_one_row(app, member,
                                                                   monkeypatch) -> None:
    me = member("わたし")
    item = add_item(app, member("はなこ"))
    add_review(app, me, item, 4)
    # the other request had not committed when this one looked: only the insert can tell
    real, calls = service.own_review_of, []

    def blind_at_first(*args: int) -> int | None:
        calls.append(args)
        return None if len(calls) == 1 else real(*args)

    monkeypatch.setattr(service, "own_review_of", blind_at_first)
    with pytest.raises(service.AlreadyReviewed):
        add_review(app, me, item, 1)
    assert len(review_rows(app)) == 1 and item_counts(app, item) == (1, 4)
    with app.app_context(), pytest.raises(IntegrityError):
        db.session.add(Review(item_id=item, author_id=me, stars=2, body="二つ目"))
        db.session.flush()


def test_broken_shift_jis_is_refused_with_a_short_message_and_nothing_written(
        app, member, logged_in) -> None:
    me = member("わたし")
    item = add_item(app, member("はなこ"))
    browser = logged_in("docomo-N505i", me)
    form = browser.get(f"/reviews/new?item={item}")
    refused = browser.send(form, {"stars": "4", "body": b"\x82\xa0\x82"}, expect_errors=True)
    assert refused.status_int == 400
    assert "文字化け" in browser.text(refused) and len(refused.body) < 2000
    assert review_rows(app) == [] and item_counts(app, item) == (0, 0)


@pytest.mark.parametrize("name", ["docomo-N505i", "pc-Firefox"])
def test_a_too_long_or_empty_review_or_no_stars_is_refused_and_nothing_written(
        app, member, logged_in, name) -> None:
    me = member("わたし")
    item = add_item(app, member("はなこ"))
    browser = logged_in(name, me)
    form = browser.get(f"/reviews/new?item={item}")
    for fields, message in (
            ({"stars": "4", "body": "あ" * (REVIEW_BODY_MAX + 1)}, "3000文字以内"),
            ({"stars": "4", "body": "  "}, "レビュー本文を入力してください。"),
            ({"stars": "", "body": "よい"}, "評価(★の数)を1から5で選んでください。"),
            ({"stars": "9", "body": "よい"}, "評価(★の数)を1から5で選んでください。")):
        refused = browser.send(form, fields)
        text = browser.text(refused)
        assert refused.status_int == 200 and message in text
        assert len(refused.body) <= (browser.handset.page_limit_bytes or 10**9)
    assert review_rows(app) == [] and item_counts(app, item) == (0, 0)


def test_the_author_edits_and_deletes_after_a_confirmation(app, member, logged_in) -> None:
    me = member("わたし")
    item = add_item(app, member("はなこ"))
    review = add_review(app, me, item, 2, "いまいち")
    browser = logged_in("softbank-930SH", me)
    form = browser.get(f"/reviews/{review}/edit")
    done = browser.send(form, {"stars": "5", "body": "読み返したら最高でした"})
    assert path_of(done) == f"/reviews/{review}"
    text = plain(browser.page(f"/reviews/{review}"))
    assert "★★★★★" in text and "読み返したら最高でした" in text and "(編集" in text
    assert item_counts(app, item) == (1, 5)
    ask = browser.get(f"/reviews/{review}/delete")
    assert "元に戻せません" in browser.text(ask) and review_rows(app) != []
    gone = browser.send(ask, {})
    assert path_of(gone) == f"/reviews/items/{item}"
    assert "レビューを削除しました。" in browser.page(f"/reviews/items/{item}")
    assert review_rows(app) == [] and item_counts(app, item) == (0, 0)


def test_another_members_review_cannot_be_edited_or_deleted(app, member, logged_in) -> None:
    author, other = member("はなこ"), member("たろう")
    item = add_item(app, author)
    review = add_review(app, author, item, 4, "はなこの感想")
    browser = logged_in("docomo-N505i", other)
    for path in (f"/reviews/{review}/edit", f"/reviews/{review}/delete"):
        refused = browser.get(path, expect_errors=True)
        assert refused.status_int == 403
        assert "自分のレビューだけ編集・削除できます。" in browser.text(refused)
    page = browser.get(f"/reviews/{review}")
    assert "/edit" not in browser.text(page) and "/delete" not in browser.text(page)
    with app.test_request_context():
        with pytest.raises(service.NotYourReview):
            service.edit_review(other, review, 1, "書き換え")
        assert service.delete_review(review, other) is False
        db.session.rollback()
    [row] = review_rows(app)
    assert (row.stars, row.body) == (4, "はなこの感想") and item_counts(app, item) == (1, 4)
    assert browser.get("/reviews/9999/edit", expect_errors=True).status_int == 404


def test_new_reviews_are_limited_per_member_and_day(app, member, logged_in) -> None:
    me, hana = member("わたし"), member("はなこ")
    with app.app_context():
        made = [ReviewItem(category="book", title=f"本{n}", created_by=hana)
                for n in range(service.REVIEWS_PER_DAY + 1)]
        db.session.add_all(made)
        db.session.commit()
        items = [item.id for item in made]
    for item in items[:-1]:
        add_review(app, me, item, 3)
    with app.test_request_context(), pytest.raises(service.DomainError, match="1日30件まで"):
        service.write_review(me, items[-1], 3, "もう一つ", submit_keys.new_key())
    assert len(review_rows(app)) == service.REVIEWS_PER_DAY


def test_the_review_form_for_an_item_that_is_not_there_is_not_found(app, member,
                                                                   logged_in) -> None:
    browser = logged_in("docomo-N505i", member("わたし"))
    refused = browser.get("/reviews/new?item=9999", expect_errors=True)
    assert refused.status_int == 404 and "この商品は見つかりません。" in browser.text(refused)
