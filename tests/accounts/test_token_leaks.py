"""No URL that leads off the site ever carries a session token; one seen there is ended."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from tests.accounts.conftest import PASSWORD

pytestmark = pytest.mark.stores
EVIL = "http://evil.example/"


def login_with_next(client, next_page: str):  # type: ignore[no-untyped-def]
    """Open the login page with next=, log in from its form; return the answer."""
    page = client.get("/login", params={"next": next_page})
    return client.submit(page, {"email": "taro@docomo.ne.jp", "password": PASSWORD})


@pytest.mark.parametrize("next_page", [
    f"/exit?url={EVIL}", f"/exit?url={quote(EVIL, safe='')}", f"/%65xit?url={EVIL}",
    f"/./exit?url={EVIL}", f"/friends/../exit?url={EVIL}", f"/%2e/exit?url={EVIL}",
    f"/\\exit?url={EVIL}", "//evil.example/", "/\\evil.example/", "/\t/evil.example/",
    "http://evil.example/", " /exit?url=x",
])
def test_login_never_redirects_a_token_off_the_site(app, handset, create_member,
                                                    next_page: str) -> None:
    create_member(email="taro@docomo.ne.jp")
    phone = handset("docomo-N505i")  # cookie-less: the token travels in URLs
    answer = login_with_next(phone, next_page)
    assert answer.status_int == 302
    location = answer.headers["Location"]
    parts = urlsplit(location)
    assert parts.netloc in ("", "keitai.test")
    assert "exit" not in parts.path
    assert parts.path == "/"
    assert "ksid" in parse_qs(parts.query)  # the member stays logged in, on our own page


def test_login_still_returns_to_the_page_the_member_came_from(app, handset,
                                                              create_member) -> None:
    create_member(email="taro@docomo.ne.jp")
    phone = handset("docomo-N505i")
    answer = login_with_next(phone, "/friends?page=2")
    assert urlsplit(answer.headers["Location"]).path == "/friends"
    assert answer.follow().status_int == 200  # logged in: not sent back to the login page


def logged_in_token(phone) -> str:  # type: ignore[no-untyped-def]
    page = login_with_next(phone, "/").follow()
    return re.search(r"ksid=([\w-]+)", phone.text(page)).group(1)


def test_a_token_arriving_on_the_exit_page_ends_its_session(app, handset,
                                                            create_member) -> None:
    create_member(email="taro@docomo.ne.jp")
    phone = handset("docomo-N505i")
    token = logged_in_token(phone)
    assert "たろう" in phone.text(phone.get("/", params={"guid": "ON", "ksid": token}))
    shown = phone.get("/exit", params={"url": EVIL, "ksid": token})
    assert shown.status_int == 200
    assert "ksid" not in phone.text(shown)
    again = phone.get("/friends", params={"guid": "ON", "ksid": token})
    assert again.status_int == 302 and "/login" in again.headers["Location"]


def test_a_token_on_the_exit_page_is_ended_even_when_the_page_is_refused(
        app, handset, create_member) -> None:
    create_member(email="taro@docomo.ne.jp")
    phone = handset("docomo-N505i")
    token = logged_in_token(phone)
    refused = phone.get("/exit", params={"url": "javascript:alert(1)", "ksid": token},
                        expect_errors=True)
    assert refused.status_int == 404
    assert phone.get("/friends", params={"guid": "ON", "ksid": token}).status_int == 302


def test_a_cookie_session_named_in_an_exit_url_is_ended_too(app, handset,
                                                            create_member) -> None:
    create_member(email="taro@docomo.ne.jp")
    phone = handset("docomo-N06A")  # i-mode browser 2.0 keeps cookies
    page = phone.get("/login")
    phone.submit(page, {"email": "taro@docomo.ne.jp", "password": PASSWORD})
    token = phone.cookies["ksid"]
    assert phone.get("/friends?guid=ON").status_int == 200
    phone.get("/exit", params={"url": EVIL, "ksid": token})
    assert phone.get("/friends?guid=ON").status_int == 302


@pytest.mark.parametrize(("url", "shown", "hidden"), [
    ("http://keitai.test@evil.example/", "移動先: evil.example", "移動先: keitai.test"),
    ("http://xn--r8jz45g.jp/", "移動先: 例え.jp(xn--r8jz45g.jp)", None),
    ("http://例え.jp/", "移動先: 例え.jp(xn--r8jz45g.jp)", None),
    ("http://EVIL.example:8080/a", "移動先: evil.example:8080", None),
])
def test_the_exit_page_shows_the_host_the_browser_really_goes_to(handset, url: str,
                                                                 shown: str,
                                                                 hidden: str | None) -> None:
    pc = handset("pc-Firefox")
    text = pc.text(pc.get("/exit", params={"url": url}))
    assert shown in text
    if hidden:
        assert hidden not in text
        assert "「@」より前は移動先ではありません" in text
