"""Sessions: by cookie where the handset keeps cookies, by URL token where it does not."""
from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import quote

import pytest

from keitai.db import db
from keitai.models import WebSession
from keitai.models.base import utcnow
from tests.stores import idle_for

pytestmark = pytest.mark.stores


def _token(text: str) -> str:
    match = re.search(r"ksid=([A-Za-z0-9_-]+)", text)
    assert match, text
    return match.group(1)


def test_cookieless_docomo_session_is_kept_by_the_url_token(handset) -> None:
    client = handset("docomo-N505i")
    first = client.get("/_t/count")
    page = first.body.decode("cp932")
    assert "visits=1" in page
    assert "Set-Cookie" not in first.headers
    link = re.search(r'href="(/_t/count\?[^"]+)"', page).group(1).replace("&amp;", "&")
    assert "guid=ON" in link and "ksid=" in link
    second = client.get(link)
    assert "visits=2" in second.body.decode("cp932")
    assert _token(second.body.decode("cp932")) == _token(page)


def test_cookie_keeping_handset_session_is_kept_by_the_cookie(handset) -> None:
    for name in ("pc-Firefox", "docomo-N06A", "au-W53CA"):
        client = handset(name)
        first = client.get("/_t/count")
        cookie = first.headers["Set-Cookie"]
        assert cookie.startswith("ksid=") and "HttpOnly" in cookie and "SameSite=Lax" in cookie
        assert "ksid=" not in first.body.decode(first.charset)
        second = client.get("/_t/count")
        assert "visits=2" in second.body.decode(second.charset)


def test_url_token_from_a_cookie_keeping_handset_is_ignored(handset) -> None:
    pc = handset("pc-Firefox")
    pc.get("/_t/count")
    token = pc.cookies["ksid"]
    stranger = handset("pc-Firefox")
    response = stranger.get(f"/_t/count?ksid={token}")
    assert "visits=1" in response.text
    assert stranger.cookies["ksid"] != token


def test_token_is_bound_to_the_handset_that_made_it(handset) -> None:
    first = handset("docomo-N505i").get("/_t/count").body.decode("cp932")
    token = _token(first)
    other = handset("docomo-D501i").get(f"/_t/count?ksid={token}").body.decode("cp932")
    assert "visits=1" in other
    assert _token(other) != token


def test_token_expires_after_idle_time(handset, app) -> None:
    client = handset("docomo-N505i")
    token = _token(client.get("/_t/count").body.decode("cp932"))
    idle_for(app, app.config["SESSION_IDLE_SECONDS"] + 5)
    page = client.get(f"/_t/count?ksid={token}").body.decode("cp932")
    assert "visits=1" in page


def test_token_rotates_when_privilege_changes(handset) -> None:
    client = handset("docomo-N505i")
    old = _token(client.get("/_t/count").body.decode("cp932"))
    page = client.get(f"/_t/note?ksid={old}").body.decode("cp932")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = client.post(f"/_t/login?guid=ON&ksid={old}",
                           {"csrf_token": csrf, "ksid": old})
    location = response.headers["Location"]
    new = _token(location)
    assert new != old and "guid=ON" in location
    assert "member=42" in client.get(location).body.decode("cp932")
    assert "member=None" in client.get(f"/_t/whoami?ksid={old}").body.decode("cp932")


def test_post_without_csrf_token_is_refused_and_nothing_is_stored(handset) -> None:
    client = handset("docomo-N505i")
    token = _token(client.get("/_t/count").body.decode("cp932"))
    response = client.post(f"/_t/note?guid=ON&ksid={token}",
                           {"note": "x", "ksid": token}, expect_errors=True)
    assert response.status_int == 400
    assert response.headers["Content-Type"] == "text/html; charset=Shift_JIS"
    assert "有効期限" in response.body.decode("cp932")
    shown = client.get(f"/_t/note?ksid={token}").body.decode("cp932")
    assert "note=x" not in shown


def test_post_form_of_a_cookieless_handset_carries_token_csrf_and_guid(handset) -> None:
    client = handset("docomo-N505i")
    token = _token(client.get("/_t/count").body.decode("cp932"))
    page = client.get(f"/_t/note?ksid={token}").body.decode("cp932")
    form = re.search(r"<form[^>]*>.*?</form>", page, re.S).group(0)
    assert 'action="/_t/note?guid=ON"' in form
    assert 'name="csrf_token"' in form and 'name="ksid"' in form
    fields = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', form))
    note = quote("晴れ".encode("cp932"))
    body = "&".join(f"{k}={v}" for k, v in fields.items()) + "&note=" + note
    response = client.post("/_t/note?guid=ON", body,
                           content_type="application/x-www-form-urlencoded")
    assert response.status_int == 302
    assert "ksid=" + fields["ksid"] in response.headers["Location"]
    shown = client.get(response.headers["Location"]).body.decode("cp932")
    assert "note=晴れ" in shown


def test_external_links_go_through_the_exit_page_without_the_token(handset) -> None:
    client = handset("docomo-N505i")
    token = _token(client.get("/_t/count").body.decode("cp932"))
    page = client.get(f"/_t/links?ksid={token}").body.decode("cp932")
    assert "ksid=" in page
    external = re.search(r'href="(/exit\?[^"]+)"', page).group(1)
    assert "ksid" not in external and "example.com" in external
    assert 'href="mailto:someone@example.com"' in page
    own_absolute = re.search(r'href="(http://keitai.test/_t/count[^"]*)"', page).group(1)
    assert "ksid=" in own_absolute and "guid=ON" in own_absolute
    exit_page = client.get(external.replace("&amp;", "&")).body.decode("cp932")
    assert 'href="http://example.com/page?a=1&amp;b=2"' in exit_page
    assert "ksid" not in exit_page


def test_exit_page_refuses_addresses_that_are_not_web_pages(handset) -> None:
    client = handset("pc-Firefox")
    assert client.get("/exit?url=javascript:alert(1)", expect_errors=True).status_int == 404


@pytest.mark.parametrize("store", ["database"], indirect=True)
def test_expired_sessions_are_purged_and_live_ones_kept(handset, app) -> None:
    from keitai.gateway.sessions import purge_expired

    handset("docomo-N505i").get("/_t/count")
    handset("pc-Firefox").get("/_t/count")
    with app.app_context():
        rows = db.session.query(WebSession).all()
        rows[0].last_seen_at = utcnow() - timedelta(seconds=app.config["SESSION_IDLE_SECONDS"] + 1)
        db.session.commit()
        assert purge_expired(app.config["SESSION_IDLE_SECONDS"]) == 1
        assert db.session.query(WebSession).count() == 1
