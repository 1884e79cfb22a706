"""Hot caches: computed once while Redis keeps them, gone when a committed write says so."""
from __future__ import annotations

import pytest
from flask import Flask

from keitai import kv
from keitai.cache import cached, cached_many, invalidate_after_commit
from keitai.db import db
from keitai.uow import unit_of_work

pytestmark = pytest.mark.stores


class Counter:
    """A computation that counts its runs and returns them."""

    def __init__(self) -> None:
        self.runs = 0

    def __call__(self) -> dict[str, int]:
        self.runs += 1
        return {"badge": self.runs}


def test_a_value_is_computed_once_while_redis_keeps_it(app: Flask, store: str) -> None:
    compute = Counter()
    with app.app_context():
        first = cached("badge:1", 60, compute)
        second = cached("badge:1", 60, compute)
    assert first == {"badge": 1}
    if store == "redis":
        assert second == {"badge": 1} and compute.runs == 1
    else:  # nothing to keep it in: always fresh
        assert second == {"badge": 2} and compute.runs == 2


def test_a_committed_write_invalidates_and_a_rolled_back_one_does_not(
        app: Flask, store: str) -> None:
    compute = Counter()
    with app.app_context():
        cached("feed:7", 60, compute)
        with pytest.raises(RuntimeError), unit_of_work():
            invalidate_after_commit("feed:7")
            raise RuntimeError("refused")
        assert cached("feed:7", 60, compute) == {"badge": 1 if store == "redis" else 2}
        with unit_of_work():
            invalidate_after_commit("feed:7", "badge:7")
            assert cached("feed:7", 60, compute)["badge"] == compute.runs  # not before commit
        runs = compute.runs
        assert cached("feed:7", 60, compute) == {"badge": runs + 1}


def test_a_value_computed_before_an_invalidation_is_not_kept(app: Flask, store: str) -> None:
    compute = Counter()

    def slow_reader() -> dict[str, int]:
        value = compute()  # read the data, then a writer commits and invalidates
        with unit_of_work():
            invalidate_after_commit("feed:9")
        return value

    with app.app_context():
        assert cached("feed:9", 60, slow_reader) == {"badge": 1}
        assert cached("feed:9", 60, compute) == {"badge": 2}
        assert cached("feed:9", 60, compute) == {"badge": 3 if store == "database" else 2}


def test_values_with_their_own_encoding_and_keys_under_the_prefix(
        app: Flask, store: str) -> None:
    with app.app_context():
        value = cached("page:1", 60, lambda: "マイミク日記",
                       encode=lambda text: text.encode("utf-8"),
                       decode=lambda raw: raw.decode("utf-8") + "!")
        again = cached("page:1", 60, lambda: "other",
                       encode=lambda text: text.encode("utf-8"),
                       decode=lambda raw: raw.decode("utf-8") + "!")
        db.session.remove()
    keyvalue = kv.keyvalue(app)
    assert value == "マイミク日記"
    if keyvalue is None:
        assert store == "database" and again == "other"
        return
    assert again == "マイミク日記!"
    keys = {key.decode() for key in keyvalue.client.scan_iter(match=keyvalue.prefix + "*")}
    assert keys == {keyvalue.prefix + "cache:page:1"}
    assert 0 < int(keyvalue.client.ttl(keyvalue.prefix + "cache:page:1")) <= 60


def test_several_keys_read_together_each_computed_once_and_none_never_kept(
        app: Flask, store: str) -> None:
    card, news, gone = Counter(), Counter(), Counter()

    def missing() -> None:
        gone()
        return None

    def slow_news() -> dict[str, int]:
        value = news()  # a writer commits and invalidates while this one reads
        with unit_of_work():
            invalidate_after_commit("news:3")
        return value

    with app.app_context():
        entries = [("card:3", 600, card), ("news:3", 60, slow_news), ("card:4", 600, missing)]
        assert cached_many(entries) == [{"badge": 1}, {"badge": 1}, None]
        again = cached_many([("card:3", 600, card), ("news:3", 60, news),
                             ("card:4", 600, missing)])
    if store == "redis":  # the card kept; the news computed again (its read was stale)
        assert again == [{"badge": 1}, {"badge": 2}, None] and card.runs == 1
    else:
        assert again == [{"badge": 2}, {"badge": 2}, None] and card.runs == 2
    assert gone.runs == 2  # what was not there is looked for again
