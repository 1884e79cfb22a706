"""per_handset: what is worked out from a handset, once per Handset object."""
from __future__ import annotations

from collections.abc import Callable

from carriers import Handset, clear_caches
from carriers.handset import PER_HANDSET_MAX, per_handset, quick_handset


def counted() -> tuple[list[str], Callable[[Handset], str]]:
    """Return a per_handset function and the carriers it was worked out for, in order."""
    calls: list[str] = []

    @per_handset
    def label(handset: Handset) -> str:
        calls.append(handset.carrier)
        return f"{handset.carrier}:{handset.model}"

    return calls, label


def test_the_same_handset_is_worked_out_once_and_an_equal_one_alike() -> None:
    calls, label = counted()
    docomo = quick_handset("docomo", "P903i")
    assert label(docomo) == label(docomo) == "docomo:P903i"
    assert calls == ["docomo"]
    twin = quick_handset("docomo", "P903i")
    assert label(twin) == "docomo:P903i"
    au = quick_handset("au", "CA39")
    assert label(au) == "au:CA39"
    assert calls == ["docomo", "docomo", "au"]


def test_forgetting_works_everything_out_again_and_the_cache_stays_bounded() -> None:
    calls, label = counted()
    docomo = quick_handset("docomo", "P903i")
    label(docomo)
    clear_caches()
    label(docomo)
    assert calls == ["docomo", "docomo"]
    many = [quick_handset("pc", str(n)) for n in range(PER_HANDSET_MAX + 5)]
    for handset in many:
        label(handset)
    del calls[:]
    label(many[0])  # dropped when the cache started again
    label(many[-1])  # kept
    assert calls == ["pc"]
