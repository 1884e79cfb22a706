"""client_address(): X-Forwarded-For is believed only as far as trusted proxies vouch for it."""
from __future__ import annotations

import pytest

import carriers

PROXIES = ["127.0.0.1/32", "10.0.0.0/8"]
DOCOMO_GATEWAY = "210.153.84.1"


def test_without_trusted_proxies_the_peer_is_the_client() -> None:
    assert carriers.client_address("192.0.2.1", DOCOMO_GATEWAY, []) == "192.0.2.1"
    assert carriers.client_address("127.0.0.1", DOCOMO_GATEWAY, ()) == "127.0.0.1"


def test_without_forwarded_for_the_peer_is_the_client() -> None:
    assert carriers.client_address("127.0.0.1", None, PROXIES) == "127.0.0.1"
    assert carriers.client_address("127.0.0.1", "", PROXIES) == "127.0.0.1"


def test_no_peer_address_gives_none() -> None:
    assert carriers.client_address(None, DOCOMO_GATEWAY, PROXIES) is None


def test_a_trusted_proxy_is_believed_about_its_client() -> None:
    assert carriers.client_address("127.0.0.1", DOCOMO_GATEWAY, PROXIES) == DOCOMO_GATEWAY


def test_forwarded_for_from_an_untrusted_peer_is_ignored() -> None:
    assert carriers.client_address("203.0.113.9", DOCOMO_GATEWAY, PROXIES) == "203.0.113.9"


def test_a_forged_entry_left_of_the_real_client_is_never_returned() -> None:
    # the client sent "X-Forwarded-For: 210.153.84.1"; our proxy appended the real address
    forwarded = f"{DOCOMO_GATEWAY}, 198.51.100.7"
    assert carriers.client_address("127.0.0.1", forwarded, PROXIES) == "198.51.100.7"


def test_multiple_trusted_hops_are_walked_from_the_right() -> None:
    forwarded = "203.0.113.50, 198.51.100.7, 10.1.2.3, 10.9.9.9"
    assert carriers.client_address("127.0.0.1", forwarded, PROXIES) == "198.51.100.7"


def test_a_list_of_only_trusted_proxies_gives_the_leftmost() -> None:
    assert carriers.client_address("127.0.0.1", "10.0.0.5, 10.0.0.6", PROXIES) == "10.0.0.5"


@pytest.mark.parametrize(("forwarded", "expected"), [
    ("unknown", "127.0.0.1"), ("unknown, 10.0.0.5", "10.0.0.5"), ("junk!!", "127.0.0.1"),
    (",", "127.0.0.1"), (" ", "127.0.0.1"), (f"{DOCOMO_GATEWAY}, unknown", "127.0.0.1"),
    ("\x00", "127.0.0.1"), ("1.2.3.4.5", "127.0.0.1"), ("\udcff", "127.0.0.1"),
])
def test_garbage_stops_the_walk_at_the_last_trusted_hop(forwarded: str, expected: str) -> None:
    assert carriers.client_address("127.0.0.1", forwarded, PROXIES) == expected


def test_garbage_behind_a_trusted_hop_gives_that_hop() -> None:
    forwarded = f"{DOCOMO_GATEWAY}, unknown, 10.0.0.5"
    assert carriers.client_address("127.0.0.1", forwarded, PROXIES) == "10.0.0.5"


def test_ports_and_brackets_are_dropped_and_addresses_normalised() -> None:
    assert carriers.client_address("127.0.0.1", "210.153.84.1:5000", PROXIES) == DOCOMO_GATEWAY
    assert carriers.client_address("127.0.0.1", "[2001:DB8:0::1]:443", PROXIES) == "2001:db8::1"
    assert carriers.client_address("127.0.0.1", "::ffff:210.153.84.1", PROXIES) == DOCOMO_GATEWAY


def test_an_ipv6_proxy_can_be_trusted() -> None:
    assert carriers.client_address("::1", DOCOMO_GATEWAY, ["::1/128"]) == DOCOMO_GATEWAY


def test_a_peer_that_is_not_an_address_is_returned_as_it_came() -> None:
    assert carriers.client_address("unknown", DOCOMO_GATEWAY, PROXIES) == "unknown"


def test_a_very_long_forwarded_for_is_walked_only_so_far() -> None:
    forwarded = ", ".join(["10.0.0.1"] * 5000)
    assert carriers.client_address("127.0.0.1", forwarded, PROXIES) == "10.0.0.1"
    forwarded = DOCOMO_GATEWAY + ", " + ", ".join(["10.0.0.1"] * 100)
    assert carriers.client_address("127.0.0.1", forwarded, PROXIES) == "10.0.0.1"


@pytest.mark.parametrize("cut", [2048, 4096, 8190, 100_000])
def test_a_padded_forwarded_for_never_gives_an_address_the_client_wrote(cut: int) -> None:
    # The client sends a gateway address, padded in front so that it ends exactly where a
    # reader that looks at the first `cut` characters stops; our proxy appends the real
    # client after it.
    sent = "x" * (cut - len(DOCOMO_GATEWAY) - 2) + ", " + DOCOMO_GATEWAY
    forwarded = sent + ", 198.51.100.7"
    assert len(sent) == cut
    assert carriers.client_address("127.0.0.1", forwarded, PROXIES) == "198.51.100.7"


def test_a_padded_forwarded_for_behind_two_proxies_gives_the_real_client() -> None:
    forwarded = ", ".join([DOCOMO_GATEWAY] * 400) + ", 198.51.100.7, 10.0.0.9"
    assert carriers.client_address("127.0.0.1", forwarded, PROXIES) == "198.51.100.7"


def test_a_huge_entry_is_junk_and_stops_the_walk() -> None:
    forwarded = DOCOMO_GATEWAY + "9" * 100_000 + ", 10.0.0.9"
    assert carriers.client_address("127.0.0.1", forwarded, PROXIES) == "10.0.0.9"


def test_trusted_proxies_may_come_as_one_string_from_the_environment() -> None:
    got = carriers.client_address("10.0.0.2", DOCOMO_GATEWAY, "127.0.0.1, 10.0.0.0/8")
    assert got == DOCOMO_GATEWAY


def test_a_misconfigured_trusted_proxy_is_refused_loudly() -> None:
    with pytest.raises(ValueError, match="trusted proxy"):
        carriers.client_address("127.0.0.1", DOCOMO_GATEWAY, ["localhost"])


def test_resolved_address_feeds_from_gateway_only_through_a_trusted_proxy() -> None:
    agent = "DoCoMo/2.0 P01A(c100;TB;W24H15)"
    trusted = carriers.client_address("127.0.0.1", DOCOMO_GATEWAY, PROXIES)
    forged = carriers.client_address("192.168.0.1", DOCOMO_GATEWAY, PROXIES)
    assert carriers.detect(agent, {}, trusted).from_gateway is True
    assert carriers.detect(agent, {}, forged).from_gateway is False
