"""The demo: its first named member is premium, and what premium shows fits every page of
the smallest handsets."""
from __future__ import annotations

import pytest
from flask import Flask

from keitai.premium import is_premium
from keitai.seed.showcase_texts import PERSONAS
from tests.diary.browsing import Browser, check_page
from tests.seed.demo import seed_demo
from tests.seed.test_demo import as_member


@pytest.fixture()
def demo_app(app: Flask) -> Flask:
    """Give the app in demo mode, with cheap password hashing."""
    app.config.update(BASE_URL="http://keitai.test", ARGON2_TIME_COST=1,
                      ARGON2_MEMORY_KIB=1024, DEMO=True)
    return app


def page(browser: Browser, path: str) -> str:
    """Open a page as the member; return its text, checked as every page is."""
    return check_page(browser, browser.get(path))


@pytest.mark.parametrize("name", ["docomo-D501i", "au-C5001T", "softbank-V602T"])
def test_the_first_demo_login_is_premium_and_shows_it(demo_app, name) -> None:
    made = seed_demo(demo_app)
    taro, hanako = made.logins[0], made.logins[1]
    with demo_app.app_context():
        assert is_premium(taro) and not is_premium(hanako)
    browser = as_member(demo_app, name, 0)
    assert "プレミアム</a>" in page(browser, "/")
    assert "までプレミアム会員です" in page(browser, "/premium")
    assert 'name="date_year"' in page(browser, "/diary/new")
    other = as_member(demo_app, name, 1)
    assert "プレミアム会員</a>" in page(other, f"/members/{taro}")
    assert PERSONAS[0].nickname in page(other, f"/members/{taro}")
    assert "プレミアム会員</a>" not in page(other, f"/members/{hanako}")
    assert 'name="date_year"' not in page(other, "/diary/new")
