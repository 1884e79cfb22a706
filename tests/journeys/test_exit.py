"""Leaving the site: an external link goes through the exit page, whose link outside carries
no session token; the back key returns to the site, still logged in."""
from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from flask import Flask

from keitai.db import db
from tests.gateway.views import board_metadata, bp
from tests.journeys.browser import (
    COOKIELESS,
    PASSWORD,
    WITH_COOKIES,
    JourneyFactory,
    MemberFactory,
)


@pytest.fixture()
def app(app: Flask) -> Iterator[Flask]:
    """Give the app with the gateway tests' page of links (one leads outside)."""
    app.register_blueprint(bp)
    with app.app_context():
        assert db.engine is not None
        board_metadata.create_all(db.engine)
    yield app
    with app.app_context():
        assert db.engine is not None
        board_metadata.drop_all(db.engine)


@pytest.mark.parametrize("profile", [COOKIELESS[0], WITH_COOKIES[0], WITH_COOKIES[2]])
def test_an_external_link_leaves_through_the_exit_page_without_the_session(
        member: MemberFactory, journey: JourneyFactory, profile: str) -> None:
    member("たろう", "taro@example.com")
    taro = journey(profile)
    taro.open("/login?next=/_t/links")  # a bookmark of a page behind the login
    taro.submit("ログイン", {"email": "taro@example.com", "password": PASSWORD})
    taro.logged_in = True
    assert urlsplit(taro.url).path == "/_t/links"
    taro.logged_in = False  # the exit page carries no session in its links, by design
    taro.click("external")
    assert urlsplit(taro.url).path == "/exit" and "ksid" not in taro.url
    assert "ksid" not in taro.text and "csrf" not in taro.text
    assert taro.sees("移動先: example.com")
    [outside] = [link.href for link in taro.links() if "example.com" in link.href]
    assert outside == "http://example.com/page?a=1&b=2"
    taro.back()
    taro.logged_in = True
    taro.click("own")
    assert taro.sees("visits=1")
    taro.back()
    taro.click("own")
    assert taro.sees("visits=2")  # the same session, kept across the exit page
    taro.back()
    taro.assert_still_logged_in("たろう")
