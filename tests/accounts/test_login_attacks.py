"""Guessing passwords: parallel guesses count as many as they are, strangers and members cost
the same, and guesses from anywhere never lock the owner out."""
from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from argon2 import PasswordHasher

from tests.accounts.conftest import PASSWORD, log_in, mail_link
from tests.accounts.test_easy_login import ADDRESSES, one_tap, register
from tests.accounts.test_easy_login import log_out as log_out_from
from tests.sql import counting_sql
from tests.stores import rate_counts

pytestmark = pytest.mark.stores

GUESSES = 20
CSRF = re.compile(r'name="csrf_token" value="[^"]*"')


def guess_at_once(app, handset, email: str, passwords: list[str]) -> list[int]:  # type: ignore[no-untyped-def]
    """Send one login per password, all at the same moment from as many addresses."""
    clients = [handset("pc-Firefox", remote_addr=f"198.51.100.{n + 1}")
               for n in range(len(passwords))]
    forms = [client.get("/login") for client in clients]
    start = threading.Barrier(len(clients))
    statuses: list[int] = [0] * len(clients)

    def guess(n: int) -> None:
        start.wait()
        answer = clients[n].submit(forms[n], {"email": email, "password": passwords[n]},
                                   expect_errors=True)
        statuses[n] = answer.status_int

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


@pytest.fixture()
def costly_hashes(app):  # type: ignore[no-untyped-def]
    """Make a password check take long enough that parallel guesses overlap in it."""
    app.config.update(ARGON2_TIME_COST=2, ARGON2_MEMORY_KIB=16 * 1024)
    return app


def test_twenty_parallel_guesses_count_twenty_and_only_five_are_checked(
        app, costly_hashes, handset, create_member) -> None:
    create_member(email="taro@example.com")
    statuses = guess_at_once(app, handset, "taro@example.com", ["guess"] * GUESSES)
    assert Counter(statuses) == {200: 5, 429: GUESSES - 5}  # 200: "wrong password"
    counts = sorted(rate_counts(app).values())
    assert counts[-1] == GUESSES  # the account's count: every guess, none lost


def test_the_right_password_among_parallel_guesses_gets_no_extra_chance(
        app, costly_hashes, handset, create_member) -> None:
    create_member(email="taro@example.com")
    log_in(handset("pc-Firefox"), "taro@example.com", "wrong")  # one failure already
    passwords = ["guess"] * (GUESSES - 1) + [PASSWORD]
    statuses = guess_at_once(app, handset, "taro@example.com", passwords)
    checked = sum(1 for status in statuses if status != 429)
    assert checked == 4  # the limit is 5 and one was used before


@contextmanager
def argon2_calls() -> Iterator[Counter[str]]:
    """Count the argon2 hashes and verifies run inside the block (they still run)."""
    calls: Counter[str] = Counter()
    originals = {name: getattr(PasswordHasher, name) for name in ("hash", "verify")}

    def counting(name: str) -> Callable[..., Any]:
        def run(self: PasswordHasher, *args: Any, **kwargs: Any) -> Any:
            calls[name] += 1
            return originals[name](self, *args, **kwargs)
        return run

    for name in originals:
        setattr(PasswordHasher, name, counting(name))
    try:
        yield calls
    finally:
        for name, original in originals.items():
            setattr(PasswordHasher, name, original)


def test_a_stranger_costs_exactly_what_a_members_wrong_password_costs(app, handset,
                                                                      create_member) -> None:
    create_member(email="taro@example.com")
    costs = []
    for address in ("warm-up@example.com", "taro@example.com", "nobody@example.com"):
        pc = handset("pc-Firefox")
        page = pc.get("/login")
        with argon2_calls() as calls, counting_sql(app) as statements:
            answer = pc.submit(page, {"email": address, "password": "wrong-guess"})
        shown = CSRF.sub("", answer.text.replace(address, "X"))  # each session has its own
        costs.append((dict(calls), statements, shown))
    _warm_up, member, stranger = costs
    assert member[0] == stranger[0] == {"verify": 1}  # no hash made on either path
    assert member[1] == stranger[1]
    assert member[2] == stranger[2]


def five_failures_from_outside(handset) -> None:  # type: ignore[no-untyped-def]
    for attempt in range(5):
        attacker = handset("pc-Firefox", remote_addr=f"198.51.100.{attempt + 1}")
        log_in(attacker, "taro@docomo.ne.jp", "guess")
    locked = log_in(handset("pc-Firefox", remote_addr="203.0.113.9"), "taro@docomo.ne.jp",
                    status=429)
    assert "しばらくログインできません" in locked.text


@pytest.mark.parametrize("name", ["docomo-P903i", "au-W53CA", "softbank-930SH"])
def test_the_owner_logs_in_from_their_own_handset_while_the_account_is_locked(
        handset, create_member, name: str) -> None:
    create_member(email="taro@docomo.ne.jp")
    five_failures_from_outside(handset)
    phone = handset(name)  # through the carrier's gateway, with its subscriber id
    answer = log_in(phone, "taro@docomo.ne.jp")
    assert answer.status_int == 302
    assert "たろうさん" in phone.text(answer.follow())


def test_guesses_from_a_handset_are_capped_for_that_handset(handset, create_member) -> None:
    create_member(email="taro@docomo.ne.jp")
    guesser = handset("au-W53CA", subscriber_id="05009999999999_zz.ezweb.ne.jp")
    for _attempt in range(5):
        log_in(guesser, "taro@docomo.ne.jp", "guess")
    assert log_in(guesser, "taro@docomo.ne.jp", status=429).status_int == 429
    owner = handset("au-W53CA")  # another subscriber behind the same gateway
    assert log_in(owner, "taro@docomo.ne.jp").status_int == 302


def test_the_owner_uses_easy_login_while_the_account_is_locked(handset,
                                                               create_member) -> None:
    create_member(email=ADDRESSES["docomo"])
    phone = handset("docomo-P903i")
    log_out_from(phone, register(phone, ADDRESSES["docomo"]))
    five_failures_from_outside(handset)
    answer = one_tap(phone, "/?guid=ON")
    assert answer.status_int == 302
    assert "たろうさん" in phone.text(answer.follow())


def test_the_owner_logs_in_with_an_unlock_link_mailed_to_their_handset(
        handset, create_member, mailbox) -> None:
    create_member(email="taro@example.com", mobile_email="taro@docomo.ne.jp")
    for attempt in range(5):
        log_in(handset("pc-Firefox", remote_addr=f"198.51.100.{attempt + 1}"),
               "taro@example.com", "guess")
    pc = handset("pc-Firefox", remote_addr="203.0.113.9")
    locked = log_in(pc, "taro@example.com", status=429)
    sent = pc.submit(locked, index=1)  # the "send me an unlock mail" button
    assert "ロック解除のメールを送りました" in sent.text
    [message] = mailbox.messages("taro@docomo.ne.jp")  # the registered mobile address
    assert mailbox.messages("taro@example.com") == []
    # the guessing goes on, and the link still lets the owner in
    for attempt in range(5):
        log_in(handset("pc-Firefox", remote_addr=f"198.51.100.{attempt + 1}"),
               "taro@example.com", "guess", expect_errors=True)
    phone = handset("docomo-P903i")
    page = phone.get(mail_link(message))
    answer = phone.submit(page, {"password": PASSWORD})
    assert answer.status_int == 302
    assert "たろうさん" in phone.text(answer.follow())
    used = phone.get(mail_link(message))
    assert "すでに使われています" in phone.text(used)


def test_an_unlock_link_allows_only_five_wrong_passwords(handset, create_member,
                                                         mailbox) -> None:
    create_member(email="taro@docomo.ne.jp")
    phone = handset("docomo-P903i")
    phone.submit(phone.get("/login/unlock"), {"email": "taro@docomo.ne.jp"})
    page = phone.get(mail_link(mailbox.messages("taro@docomo.ne.jp")[0]))
    for _guess in range(5):
        assert "パスワードが違います" in phone.text(phone.submit(page, {"password": "guess"}))
    refused = phone.submit(page, {"password": PASSWORD}, status=429)
    assert "しばらくログインできません" in phone.text(refused)


def test_asking_for_an_unlock_link_tells_nothing_about_the_address(handset, create_member,
                                                                    mailbox) -> None:
    create_member(email="taro@example.com")
    answers = []
    for address in ("taro@example.com", "nobody@example.com"):
        pc = handset("pc-Firefox")
        answers.append(pc.submit(pc.get("/login/unlock"), {"email": address}).text)
    assert answers[0] == answers[1]
    assert [m["To"] for m in mailbox.messages()] == ["taro@example.com"]


def test_ipv6_clients_are_limited_by_their_64_network(app, handset, create_member) -> None:
    create_member(email="taro@example.com")
    for n in range(20):  # every guess from another address of one /64
        attacker = handset("pc-Firefox", remote_addr=f"2001:db8:1:2::{n + 1:x}")
        log_in(attacker, f"user{n}@example.com", "guess")
    same_network = handset("pc-Firefox", remote_addr="2001:db8:1:2:ffff::1")
    assert log_in(same_network, "taro@example.com", status=429).status_int == 429
    next_network = handset("pc-Firefox", remote_addr="2001:db8:1:3::1")
    assert log_in(next_network, "taro@example.com").status_int == 302
