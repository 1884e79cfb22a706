"""Sessions: by cookie where the handset keeps cookies, by URL token where it does not."""
from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import quote

import pytest

from keitai import kv
from keitai.db import db
from keitai.models import WebSession
from keitai.models.base import utcnow
from tests.conftest import STORES
from tests.sql import counting_sql
from tests.stores import idle_for, stored_sessions

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


def test_a_visitor_posts_a_form_and_the_page_that_keeps_it_starts_the_session(
        handset, app) -> None:
    client = handset("docomo-N505i")
    page = client.get("/_t/note").body.decode("cp932")
    assert "ksid" not in page and stored_sessions(app) == []  # a visitor: nothing stored
    fields = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', page))
    assert set(fields) == {"csrf_token"}
    response = client.post("/_t/note?guid=ON", {**fields, "note": "x"})
    token = _token(response.headers["Location"])
    [stored] = stored_sessions(app)
    assert stored.data == {"note": "x"} and stored.member_id is None
    assert "note=x" in client.get(response.headers["Location"]).body.decode("cp932")
    again = client.get(f"/_t/note?guid=ON&ksid={token}").body.decode("cp932")
    assert _token(again) == token and "note=x" in again


def test_last_seen_is_written_at_most_once_a_minute(handset, app) -> None:
    client = handset("docomo-N505i")
    token = _token(client.get("/_t/count").body.decode("cp932"))
    [made] = stored_sessions(app)
    with counting_sql(app) as statements:
        for _ in range(3):
            page = client.get(f"/_t/whoami?ksid={token}").body.decode("cp932")
            assert "member=None" in page
    assert [s for s in statements if s.lstrip().upper().startswith("UPDATE")] == []
    assert stored_sessions(app) == [made]
    idle_for(app, 61)
    [idle] = stored_sessions(app)
    with counting_sql(app) as statements:
        for _ in range(3):
            client.get(f"/_t/whoami?ksid={token}")
    [seen] = stored_sessions(app)
    assert seen.last_seen_at - idle.last_seen_at > timedelta(seconds=60)
    assert seen.data == made.data and seen.csrf_token == made.csrf_token
    updates = [s for s in statements if s.lstrip().upper().startswith("UPDATE")]
    assert len(updates) == (1 if app.config["REDIS_URL"] is None else 0)  # once, not thrice


def test_a_refused_post_changes_no_session(handset, app) -> None:
    client = handset("docomo-N505i")
    token = _token(client.get("/_t/count").body.decode("cp932"))
    idle_for(app, 120)  # a request after a minute writes the last-seen time, but not this one
    before = stored_sessions(app)
    refused = client.post(f"/_t/note?guid=ON&ksid={token}", {"note": "x", "ksid": token,
                                                             "csrf_token": "wrong"},
                          expect_errors=True)
    assert refused.status_int == 400
    assert stored_sessions(app) == before


REDIS_ONLY = [store for store in STORES if store == "redis"]


@pytest.mark.parametrize("store", REDIS_ONLY, indirect=True)
def test_a_session_in_redis_expires_with_its_idle_time(handset, app) -> None:
    client = handset("pc-Firefox")
    client.get("/_t/count")
    keyvalue = kv.keyvalue(app)
    [key] = keyvalue.client.scan_iter(keyvalue.key("session", "*"))
    idle = app.config["SESSION_IDLE_SECONDS"]
    assert idle - 5 <= keyvalue.client.ttl(key) <= idle
    client.post("/_t/login", {"csrf_token": stored_sessions(app)[0].csrf_token})
    [member_set] = keyvalue.client.scan_iter(keyvalue.key("member-sessions", "*"))
    assert member_set.decode().endswith(":42")
    [kept] = stored_sessions(app)
    assert keyvalue.client.smembers(member_set) == {kept.token_hash.encode()}
    assert keyvalue.client.ttl(member_set) > idle  # as long as the longest session may live
