"""The demo's レビュー: `keitai demo` registers items across the categories and lets the demo
members review them; every review page of the demo fits every handset."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from keitai.db import db
from keitai.features.reviews import codes
from keitai.models.review import Review, ReviewItem
from keitai.seed.command import DEMO_SEED
from keitai.seed.reviews import ITEMS, REVIEWS_WANTED, add_demo_reviews
from tests.friend_lists.test_every_page import no_checker_errors
from tests.reviews.conftest import HANDSETS
from tests.seed.demo import seed_demo


@pytest.fixture()
def demo(app):
    showcase = seed_demo(app)  # as `keitai demo` seeds it
    with app.app_context():
        add_demo_reviews(DEMO_SEED)
        db.session.commit()
    return showcase


def test_the_demo_items_have_valid_identifiers_and_counts_that_match_their_reviews(
        app, demo) -> None:
    with app.app_context():
        items = db.session.scalars(select(ReviewItem)).all()
        assert len(items) == len(ITEMS)
        assert {item.category for item in items} == {"book", "cd", "dvd", "game", "electronics"}
        for item in items:
            if item.code:
                assert codes.parse(item.code) == codes.Code(item.code)
            counted = db.session.execute(select(func.count(), func.coalesce(
                func.sum(Review.stars), 0)).where(Review.item_id == item.id)).one()
            assert (item.review_count, item.rating_sum) == tuple(counted)
        assert db.session.scalar(select(func.count()).select_from(Review)) == REVIEWS_WANTED


@pytest.mark.parametrize("name", HANDSETS)
def test_every_demo_review_page_passes_the_checker(app, demo, logged_in, name) -> None:
    with app.app_context():
        item_ids = db.session.scalars(select(ReviewItem.id)).all()
        review_ids = db.session.scalars(select(Review.id).limit(5)).all()
    browser = logged_in(name, demo.logins[0])
    paths = ["/reviews", "/reviews/category/book", "/reviews/category/electronics",
             f"/members/{demo.logins[0]}/reviews", f"/members/{demo.logins[0]}"]
    paths += [f"/reviews/items/{item}" for item in item_ids]
    paths += [f"/reviews/{review}" for review in review_ids]
    for path in paths:
        response = browser.get(path)
        browser.page(path)
        no_checker_errors(app, browser, path, response)
