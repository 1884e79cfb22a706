"""Every review page on every kind of handset: within its page limit, トップ on key 0, no error
for the site checker; the reading pages show what a member expects to find there."""
from __future__ import annotations

import pytest

from keitai.db import db
from keitai.models.review import REVIEW_BODY_MAX
from tests.friend_lists.test_every_page import no_checker_errors
from tests.reviews.conftest import (
    HANDSETS,
    JAN,
    add_item,
    add_review,
    plain,
    run,
    typed_in,
)
from tests.social.conftest import access_key


@pytest.fixture()
def shelf(app, member):
    """わたし and two friends of books; a book with three reviews (one the longest there is),
    a CD with one, a DVD with none; わたし reviewed the book."""
    me, hana, jiro = member("わたし"), member("はなこ"), member("じろう")
    book = add_item(app, hana)
    cd = add_item(app, jiro, "Summer Signal", "cd", JAN, "ライトブルー", "Blue Sky Records")
    dvd = add_item(app, jiro, "坂道のむこう", "dvd", None, "北村 晴", "")
    mine = add_review(app, me, book, 4, "駅前の喫茶店が舞台の短編集☀ 読みやすい。")
    long = add_review(app, hana, book, 5, "はじめ" + "とても" * (REVIEW_BODY_MAX // 3 - 3)
                      + "おわり")
    add_review(app, jiro, book, 2, "ちょっと合わなかった☂")
    add_review(app, hana, cd, 3, "ふつう♪")
    return {"me": me, "hana": hana, "book": book, "cd": cd, "dvd": dvd, "mine": mine,
            "long": long}


def paths(shelf) -> list[str]:
    return ["/reviews", "/reviews/category/book", "/reviews/category/electronics",
            "/reviews/search?q=Summer", "/reviews/search?q=9784000000000",
            f"/reviews/items/{shelf['book']}", f"/reviews/items/{shelf['book']}?sort=best",
            f"/reviews/items/{shelf['dvd']}", "/reviews/new", "/reviews/new?q=Summer",
            f"/reviews/new?item={shelf['cd']}", "/reviews/items/new",
            f"/reviews/{shelf['mine']}", f"/reviews/{shelf['long']}",
            f"/reviews/{shelf['mine']}/edit", f"/reviews/{shelf['mine']}/delete",
            f"/members/{shelf['me']}/reviews", f"/members/{shelf['hana']}/reviews"]


@pytest.mark.parametrize("name", HANDSETS)
def test_every_review_page_fits_the_handset_with_top_on_key_0(app, shelf, logged_in,
                                                             name) -> None:
    browser = logged_in(name, shelf["me"])
    for path in paths(shelf):
        response = browser.get(path)
        text = browser.page(path)
        assert access_key(text, "0", "トップ"), path
        no_checker_errors(app, browser, path, response)


@pytest.mark.parametrize("name", ["docomo-D501i", "softbank-J-SH51", "pc-Firefox"])
def test_the_longest_review_is_read_whole_in_parts(app, shelf, logged_in, name) -> None:
    from tests.announcements.test_pages import parts

    browser = logged_in(name, shelf["me"])
    pieces = parts(browser, f"/reviews/{shelf['long']}")
    whole = "".join(plain(piece) for piece in pieces)
    assert "はじめ" in whole and "おわり" in whole
    # nothing is lost where the parts meet (a word may be cut there: count its last letter)
    assert whole.count("も") == REVIEW_BODY_MAX // 3 - 3


def test_the_top_page_lists_newest_reviews_categories_and_the_most_reviewed(
        app, shelf, logged_in) -> None:
    text = logged_in("docomo-N505i", shelf["me"]).page("/reviews")
    words = plain(text)
    assert "新着レビュー" in words and "レビューの多い商品" in words
    for label in ("本", "CD", "DVD", "ゲーム", "家電"):
        assert f">{label}</a>" in text
    newest = words[words.index("新着レビュー"):words.index("レビューの多い商品")]
    # newest first: the CD's review was written last
    assert newest.index("Summer Signal") < newest.index("駅前喫茶の午後")
    assert "★★★☆☆" in newest
    most = words[words.index("レビューの多い商品"):]
    assert most.index("駅前喫茶の午後") < most.index("Summer Signal")
    assert "★★★★☆ 3.7(3件)" in most
    assert "坂道のむこう" not in most  # no reviews yet
    assert access_key(text, "1", "レビューを書く")


def test_an_item_page_shows_its_facts_average_and_reviews(app, shelf, logged_in) -> None:
    text = logged_in("au-W53CA", shelf["me"]).page(f"/reviews/items/{shelf['book']}")
    words = plain(text)
    assert "著者: 森川 透" in words and "出版社: 青葉書房" in words
    assert "ISBN: 9784101010014" in words and "ISBN-10: 4101010013" in words
    assert "★★★★☆ 3.7(3件)" in words
    assert access_key(text, "1", "レビューを編集")  # わたし reviewed it
    assert "新着順" in words and ">評価順</a>" in text
    assert words.count("続きを読む") == 1 and words.count("全文") == 2  # only the long one is cut
    cd = logged_in("au-W53CA", shelf["me"]).page(f"/reviews/items/{shelf['cd']}")
    assert "JAN: 4988002123452" in plain(cd) and access_key(cd, "1", "レビューを書く")
    assert "ISBN" not in plain(cd)


def test_a_category_and_the_search_list_items_and_an_identifier_leads_to_its_item(
        app, shelf, logged_in) -> None:
    browser = logged_in("softbank-930SH", shelf["me"])
    books = plain(browser.page("/reviews/category/book"))
    assert "駅前喫茶の午後" in books and "Summer Signal" not in books
    assert "このカテゴリの商品はまだありません。" in browser.page("/reviews/category/game")
    found = plain(browser.page("/reviews/search?q=" + typed_in(browser, "ライトブルー")))
    assert "Summer Signal" in found and "駅前喫茶" not in found
    assert "見つかりませんでした。" in browser.page("/reviews/search?q="
                                                   + typed_in(browser, "存在しない本"))
    for typed in ("978-4-10-101001-4", "4-10-101001-3", "4101010013"):
        response = browser.get(f"/reviews/search?q={typed}")
        assert response.status_int == 302
        assert response.headers["Location"].split("?")[0].endswith(
            f"/reviews/items/{shelf['book']}")
    unknown = browser.page("/reviews/search?q=9784000000000")
    assert "まだ登録されていません" in unknown and "code=9784000000000" in unknown
    assert browser.get("/reviews/category/nothing", expect_errors=True).status_int == 404
    assert browser.get("/reviews/items/9999", expect_errors=True).status_int == 404
    assert browser.get("/reviews/9999", expect_errors=True).status_int == 404


def test_visitors_are_sent_to_log_in(app, handset, shelf) -> None:
    for path in ("/reviews", f"/reviews/items/{shelf['book']}", "/reviews/new",
                 f"/reviews/{shelf['mine']}", f"/members/{shelf['me']}/reviews"):
        response = handset("docomo-N505i").get(path)
        assert response.status_int == 302 and "/login" in response.headers["Location"]


def test_a_withdrawn_members_review_stays_signed_as_withdrawn(app, shelf, logged_in) -> None:
    from keitai.models import Member

    def withdraw() -> None:
        db.session.delete(db.session.get(Member, shelf["hana"]))

    run(app, withdraw)
    browser = logged_in("pc-Firefox", shelf["me"])
    text = plain(browser.page(f"/reviews/items/{shelf['book']}"))
    assert "退会したユーザー" in text and "★★★★☆ 3.7(3件)" in text
    assert "退会したユーザー" in plain(browser.page(f"/reviews/{shelf['long']}"))
