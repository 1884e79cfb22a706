"""Every review page runs a fixed number of SQL statements, however many items, reviews and
members there are (the average is read from the item, never counted)."""
from __future__ import annotations

import pytest
from sqlalchemy import insert

from keitai.db import db
from keitai.models.base import utcnow
from keitai.models.review import Review, ReviewItem
from tests.social.conftest import crowd
from tests.sql import counting_sql

PAGES = ["/reviews", "/reviews/category/book", "/reviews/search?q=book",
         "/reviews/items/{item}", "/reviews/items/{item}?sort=best", "/reviews/{review}",
         "/reviews/new?item={item}", "/members/{writer}/reviews", "/members/{writer}"]


def populate(app, size: int) -> dict[str, int]:
    """Add size members, size books, and a review by each member of the first book and of
    their own book; return the first book, its first review and its first writer."""
    people = crowd(app, size, prefix=f"r{size}-")
    now = utcnow()
    with app.app_context():
        items = db.session.scalars(insert(ReviewItem).returning(ReviewItem.id), [
            {"category": "book", "title": f"book {n}", "creator": "", "maker": "",
             "created_by": people[n], "created_at": now, "review_count": 0,
             "rating_sum": 0} for n in range(size)]).all()
        rows = [{"item_id": items[0], "author_id": who, "stars": 1 + n % 5,
                 "body": "感想☀" * 30, "created_at": now, "counted": True}
                for n, who in enumerate(people)]
        rows += [{"item_id": item, "author_id": who, "stars": 4, "body": "ふつう",
                  "created_at": now, "counted": True}
                 for item, who in zip(items[1:], people[1:], strict=True)]
        ids = db.session.scalars(insert(Review).returning(Review.id), rows).all()
        db.session.commit()
        return {"item": items[0], "review": min(ids), "writer": people[0]}


@pytest.mark.parametrize("path", PAGES)
def test_a_review_page_runs_as_many_statements_with_3_or_40_of_everything(
        app, member, logged_in, path) -> None:
    counts = []
    for size in (3, 40):
        found = populate(app, size)
        browser = logged_in("docomo-N505i", member(f"見る人{size}"))
        url = path.format(**found)
        browser.page(url)  # the first visit may leave a footprint
        with counting_sql(app) as statements:
            browser.page(url)
        counts.append(len(statements))
    assert counts[0] == counts[1] <= 12, counts
