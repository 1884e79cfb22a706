"""Password login: sessions, rate limits kept in the database, PC and handset at once."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest

from keitai import ratelimit
from keitai.models.base import utcnow
from tests.accounts.conftest import PASSWORD, log_in
from tests.stores import clear_rate_counts, rate_counts

pytestmark = pytest.mark.stores


def _ksid(text: str) -> str:
    return re.search(r"ksid=([A-Za-z0-9_-]+)", text).group(1)


def test_a_wrong_password_and_an_unknown_address_get_the_same_answer(handset,
                                                                    create_member) -> None:
    create_member(email="taro@example.com")
    pc = handset("pc-Firefox")
    wrong = log_in(pc, "taro@example.com", "wrong-password")
    unknown = log_in(pc, "nobody@example.com", PASSWORD)
    for page in (wrong, unknown):
        assert page.status_int == 200
        assert "メールアドレスかパスワードが違います" in page.text
    assert 'value="taro@example.com"' in wrong.text
    assert "たろうさん" not in pc.get("/").text


def test_a_handset_logs_in_and_its_old_session_token_is_dead(handset, create_member) -> None:
    create_member(email="taro@docomo.ne.jp")
    create_member(email="jiro@docomo.ne.jp", nickname="じろう")
    phone = handset("docomo-N505i")
    page = phone.get("/login")
    assert "ksid=" not in phone.text(page)  # a visitor has no session until one is needed
    done = phone.submit(page, {"email": "jiro@docomo.ne.jp", "password": PASSWORD})
    before = _ksid(done.headers["Location"])
    page = phone.get(f"/login?guid=ON&ksid={before}")  # a session from before this login
    done = phone.submit(page, {"email": "taro@docomo.ne.jp", "password": PASSWORD})
    after = _ksid(done.headers["Location"])
    assert after != before
    assert "たろうさん" in phone.text(phone.get(f"/?guid=ON&ksid={after}"))
    assert "さんのホーム" not in phone.text(phone.get(f"/?guid=ON&ksid={before}"))


def test_a_cookie_from_before_login_is_dead_after_it(handset, create_member) -> None:
    create_member(email="taro@example.com")
    create_member(email="jiro@example.com", nickname="じろう")
    pc = handset("pc-Firefox")
    pc.get("/login")
    assert "ksid" not in pc.cookies  # a visitor has no session until one is needed
    log_in(pc, "jiro@example.com")
    before = pc.cookies["ksid"]  # planted: the session of someone else's login
    log_in(pc, "taro@example.com")
    assert pc.cookies["ksid"] != before
    planted = handset("pc-Firefox")
    planted.set_cookie("ksid", before)
    assert "さんのホーム" not in planted.get("/").text
    assert "たろうさん" in pc.get("/").text


def test_a_member_is_logged_in_on_a_pc_and_a_handset_at_once(handset, create_member) -> None:
    create_member(email="taro@example.com", mobile_email="taro@ezweb.ne.jp")
    pc, phone = handset("pc-Firefox"), handset("au-W53CA")
    log_in(pc, "taro@example.com")
    log_in(phone, "taro@ezweb.ne.jp")
    assert "たろうさん" in pc.get("/").text
    assert "たろうさん" in phone.text(phone.get("/"))


def test_logout_is_a_post_and_ends_the_session(handset, create_member) -> None:
    create_member(email="taro@docomo.ne.jp")
    phone = handset("docomo-N505i")
    token = _ksid(log_in(phone, "taro@docomo.ne.jp").headers["Location"])
    confirm = phone.get(f"/logout?guid=ON&ksid={token}")
    assert "たろうさん" in phone.text(phone.get(f"/?guid=ON&ksid={token}"))  # a GET changes nothing
    done = phone.submit(confirm)
    assert "ksid=" not in done.headers["Location"]
    assert "たろうさん" not in phone.text(phone.get(f"/?guid=ON&ksid={token}"))


def test_a_page_for_members_sends_visitors_to_login_and_back(handset, create_member) -> None:
    create_member(email="taro@example.com")
    pc = handset("pc-Firefox")
    asked = pc.get("/settings")
    assert asked.headers["Location"].endswith("/login?next=%2Fsettings")
    done = pc.submit(asked.follow(), {"email": "taro@example.com", "password": PASSWORD})
    assert done.headers["Location"].endswith("/settings")
    assert "ログイン用: taro@example.com" in done.follow().text


def test_login_never_goes_on_to_another_site(handset, create_member) -> None:
    create_member(email="taro@example.com")
    pc = handset("pc-Firefox")
    for target in ("//evil.example/", "http://evil.example/", "/\\evil.example"):
        page = pc.get("/login", params={"next": target})
        done = pc.submit(page, {"email": "taro@example.com", "password": PASSWORD})
        assert done.headers["Location"] in ("/", "http://keitai.test/"), target
        pc.reset()


def test_an_account_is_locked_for_a_while_after_five_wrong_passwords(
        app, handset, create_member, monkeypatch) -> None:
    create_member(email="taro@example.com")
    for attempt in range(5):
        attacker = handset("pc-Firefox", remote_addr=f"198.51.100.{attempt + 1}")
        assert "パスワードが違います" in log_in(attacker, "taro@example.com", "guess").text
    owner = handset("pc-Firefox", remote_addr="203.0.113.9")
    page = owner.get("/login")
    locked = owner.submit(page, {"email": "taro@example.com", "password": PASSWORD},
                          status=429)
    assert "ログインの失敗が続いたため、しばらくログインできません" in locked.text
    assert "15分ほどたってから" in locked.text
    assert "たろうさん" not in owner.get("/").text
    later = utcnow() + timedelta(minutes=16)
    monkeypatch.setattr(ratelimit, "utcnow", lambda: later)
    assert log_in(owner, "taro@example.com").status_int == 302


def test_an_address_is_locked_after_twenty_failures_on_any_accounts(app, handset,
                                                                    create_member) -> None:
    create_member(email="taro@example.com")
    attacker = handset("pc-Firefox", remote_addr="198.51.100.7")
    for attempt in range(20):
        log_in(attacker, f"user{attempt}@example.com", "guess")
    page = attacker.get("/login")
    locked = attacker.submit(page, {"email": "taro@example.com", "password": PASSWORD},
                             status=429)
    assert "しばらくログインできません" in locked.text
    assert log_in(handset("pc-Firefox", remote_addr="203.0.113.9"),
                  "taro@example.com").status_int == 302


def test_the_lock_lives_in_the_database_where_every_app_server_sees_it(
        app, handset, create_member) -> None:
    create_member(email="taro@example.com")
    for _attempt in range(5):
        log_in(handset("pc-Firefox"), "taro@example.com", "guess")
    owner = handset("pc-Firefox", remote_addr="203.0.113.9")
    log_in(owner, "taro@example.com", status=429)
    counts = rate_counts(app)
    # the account: 5 failures and the refused attempt, each counted before it was
    # checked; the guesser's address: 5; the owner's address: 1
    assert sorted(counts.values()) == [1, 5, 6]
    assert not any("taro" in key or "198.51.100" in key for key in counts)
    clear_rate_counts(app)
    assert log_in(owner, "taro@example.com").status_int == 302  # nothing else remembered it


def test_one_handset_failing_does_not_lock_out_others_behind_the_same_gateway(
        handset, create_member) -> None:
    create_member(email="hanako@ezweb.ne.jp", nickname="はなこ")
    guesser = handset("au-W53CA", subscriber_id="05009999999999_zz.ezweb.ne.jp")
    for attempt in range(20):
        log_in(guesser, f"user{attempt}@ezweb.ne.jp", "guess")
    assert log_in(guesser, "hanako@ezweb.ne.jp", status=429).status_int == 429
    neighbour = handset("au-W53CA")  # same gateway address, another subscriber
    assert log_in(neighbour, "hanako@ezweb.ne.jp").status_int == 302
