"""A member's reviews: a link with their count on their profile, and their list, paged, not
shown across a block."""
from __future__ import annotations

import re

from tests.reviews.conftest import add_item, add_review, plain
from tests.social.conftest import access_key, block
from tests.sql import counting_sql


def test_the_profile_links_to_the_members_reviews_with_their_count(app, member,
                                                                   logged_in) -> None:
    writer, reader = member("はなこ"), member("たろう")
    books = [add_item(app, writer, f"本{n}", code=None) for n in range(3)]
    for n, book in enumerate(books):
        add_review(app, writer, book, n + 2, f"感想{n}")
    browser = logged_in("docomo-N505i", reader)
    profile = browser.page(f"/members/{writer}")
    assert f'href="/members/{writer}/reviews' in profile and "レビュー(3件)" in profile
    assert "レビュー(0件)" in browser.page(f"/members/{reader}")
    listed = plain(browser.page(f"/members/{writer}/reviews"))
    assert "はなこさんのレビュー" in listed
    assert [int(n) for n in re.findall(r"本(\d)", listed)] == [2, 1, 0]
    assert "★★★★☆" in listed and "★★☆☆☆" in listed
    mine = logged_in("au-W53CA", writer).page(f"/members/{writer}/reviews")
    assert "自分のレビュー" in mine and access_key(mine, "1", "レビューを書く")


def test_a_members_reviews_page_on_keys_4_and_6(app, member, logged_in) -> None:
    writer = member("はなこ")
    for n in range(12):
        add_review(app, writer, add_item(app, member(f"m{n}"), f"本{n:02d}", code=None), 3)
    browser = logged_in("docomo-D501i", writer)  # 10 a page
    first = browser.page(f"/members/{writer}/reviews")
    assert len(re.findall(r"本\d\d", first)) == 10 and access_key(first, "6", "次へ")
    second = browser.page(f"/members/{writer}/reviews?page=2")
    assert re.findall(r"本(\d\d)", second) == ["01", "00"] and access_key(second, "4", "前へ")


def test_a_block_hides_the_members_review_list_either_way(app, member, logged_in) -> None:
    writer, blocked, blocker = member("はなこ"), member("たろう"), member("じろう")
    add_review(app, writer, add_item(app, writer), 4)
    block(app, writer, blocked)
    block(app, blocker, writer)
    for viewer in (blocked, blocker):
        refused = logged_in("docomo-N505i", viewer).get(f"/members/{writer}/reviews",
                                                        expect_errors=True)
        assert refused.status_int == 404


def test_the_profile_costs_as_many_statements_with_0_or_30_reviews(app, member,
                                                                   logged_in) -> None:
    counts = []
    for size in (0, 30):
        writer, reader = member(f"w{size}"), member(f"r{size}")
        for n in range(size):
            add_review(app, writer, add_item(app, member(f"a{size}-{n}"), f"本{n}",
                                             code=None), 4)
        browser = logged_in("docomo-N505i", reader)
        browser.page(f"/members/{writer}")  # the first visit leaves a footprint
        with counting_sql(app) as statements:
            browser.page(f"/members/{writer}")
        counts.append(len(statements))
    assert counts[0] == counts[1]
