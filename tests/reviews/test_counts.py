"""An item's count and average follow every write (create, edit, delete, hide); its reviews
sort newest first or best first."""
from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select, update

from keitai.db import db
from keitai.features.reviews import service
from keitai.models.base import utcnow
from keitai.models.review import Review
from keitai.moderation import items
from tests.reviews.conftest import add_item, add_review, item_counts, plain, run

OPERATOR = None


def test_count_and_sum_follow_create_edit_delete_and_hide(app, member) -> None:
    people = [member(f"m{n}") for n in range(4)]
    item = add_item(app, people[0])
    ids = [add_review(app, who, item, stars) for who, stars in zip(people, (5, 4, 2, 1),
                                                                      strict=True)]
    assert item_counts(app, item) == (4, 12)
    run(app, lambda: service.edit_review(people[3], ids[3], 3, "見直した"))
    assert item_counts(app, item) == (4, 14)
    run(app, lambda: service.edit_review(people[3], ids[3], 3, "星はそのまま"))
    assert item_counts(app, item) == (4, 14)
    run(app, lambda: service.delete_review(ids[0], people[0]))
    assert item_counts(app, item) == (3, 9)
    run(app, lambda: items.hide("review", ids[1], OPERATOR))
    assert item_counts(app, item) == (2, 5)
    run(app, lambda: items.hide("review", ids[1], OPERATOR))  # twice is once
    assert item_counts(app, item) == (2, 5)
    run(app, lambda: items.delete("review", ids[1]))  # a hidden one goes: nothing to take
    assert item_counts(app, item) == (2, 5)
    run(app, lambda: items.hide("review", ids[2], OPERATOR))
    run(app, lambda: items.unhide("review", ids[2]))
    run(app, lambda: items.unhide("review", ids[2]))
    assert item_counts(app, item) == (2, 5)
    with app.app_context():  # what the rows say
        rows = db.session.scalars(select(Review).where(Review.counted.is_(True))).all()
        assert (len(rows), sum(row.stars for row in rows)) == (2, 5)


def test_the_average_is_shown_with_its_stars_and_count(app, member, logged_in) -> None:
    people = [member(f"m{n}") for n in range(3)]
    item = add_item(app, people[0])
    browser = logged_in("docomo-N505i", people[0])
    assert "レビューはまだありません" in browser.page(f"/reviews/items/{item}")
    for who, stars in zip(people, (4, 4, 3), strict=True):
        add_review(app, who, item, stars)
    assert "★★★★☆ 3.7(3件)" in plain(browser.page(f"/reviews/items/{item}"))


def test_reviews_sort_newest_first_or_best_first_on_pages_of_5_or_10(app, member,
                                                                     logged_in) -> None:
    people = [member(f"m{n}") for n in range(12)]
    item = add_item(app, people[0])
    stars = [3, 5, 1, 4, 2, 5, 3, 1, 4, 2, 5, 3]
    ids = [add_review(app, who, item, star, f"感想{n:02d}")
           for n, (who, star) in enumerate(zip(people, stars, strict=True))]

    def spread() -> None:  # one a minute apart, the last written the newest
        for n, review_id in enumerate(ids):
            db.session.execute(update(Review).where(Review.id == review_id).values(
                created_at=utcnow() - timedelta(minutes=len(ids) - n)))

    run(app, spread)
    small, big = logged_in("docomo-D501i", people[0]), logged_in("pc-Firefox", people[0])

    def order(browser, query: str) -> list[int]:
        text = browser.page(f"/reviews/items/{item}{query}")
        return [int(n) for n in re.findall(r"感想(\d\d)", text)]

    newest = list(range(11, -1, -1))
    assert order(big, "") == newest[:10] and order(big, "?sort=new&page=2") == newest[10:]
    assert order(small, "") == newest[:5] and order(small, "?page=3") == newest[10:]
    best = sorted(range(12), key=lambda n: (-stars[n], -n))
    assert order(big, "?sort=best") == best[:10]
    assert order(small, "?sort=best&page=2") == best[5:10]
    second = small.page(f"/reviews/items/{item}?sort=best&page=2")
    assert "sort=best" in second and "page=3" in second  # the pager keeps the order
    assert order(big, "?sort=nonsense") == newest[:10]


def test_a_hidden_review_shows_the_placeholder_without_its_stars(app, member,
                                                                logged_in) -> None:
    author, reader = member("はなこ"), member("たろう")
    item = add_item(app, author)
    review = add_review(app, author, item, 1, "ひどい悪口")
    run(app, lambda: items.hide("review", review, OPERATOR))
    browser = logged_in("au-W53CA", reader)
    for path in (f"/reviews/{review}", f"/reviews/items/{item}", "/reviews",
                 f"/members/{author}/reviews"):
        text = plain(browser.page(path))
        assert "ひどい悪口" not in text and "★☆☆☆☆" not in text, path
    assert items.HIDDEN_TEXT in plain(browser.page(f"/reviews/{review}"))
    assert "レビューはまだありません" in browser.page(f"/reviews/items/{item}")
    # its author may not edit it while it is hidden (the edit would undo the hiding)
    writer = logged_in("pc-Firefox", author)
    form = writer.get(f"/reviews/{review}/edit")
    sent = writer.send(form, {"stars": "5", "body": "書き直し"}, expect_errors=True)
    assert sent.status_int == 403 and "非表示" in writer.text(sent)
    run(app, lambda: items.unhide("review", review))
    assert "★☆☆☆☆" in plain(browser.page(f"/reviews/{review}"))
    assert "ひどい悪口" in plain(browser.page(f"/reviews/{review}"))
    assert item_counts(app, item) == (1, 1)
