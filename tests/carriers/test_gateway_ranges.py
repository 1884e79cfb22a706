"""Carrier gateway ranges: the data file, its override, and Handset.from_gateway."""
from __future__ import annotations

from pathlib import Path

import pytest

import carriers
from carriers.gateways import DEFAULT_FILE, GATEWAY_CARRIERS

DOCOMO_UA = "DoCoMo/2.0 P903i(c100;TB;W24H12)"
AU_UA = "KDDI-CA39 UP.Browser/6.2.0.13.1.5 (GUI) MMP/2.0"
SOFTBANK_UA = "SoftBank/1.0/930SH/SHJ001 Browser/NetFront/3.4 Profile/MIDP-2.0"
WILLCOM_UA = "Mozilla/3.0(WILLCOM;SANYO/WX310SA/2;1/1/C128) NetFront/3.3"
PC_UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/120.0"

#: one address inside each carrier's bundled ranges
INSIDE = {"docomo": "210.153.84.1", "au": "210.230.128.225", "softbank": "123.108.237.5",
          "willcom": "114.20.49.200"}
USER_AGENTS = {"docomo": DOCOMO_UA, "au": AU_UA, "softbank": SOFTBANK_UA, "willcom": WILLCOM_UA}


def test_bundled_file_has_ranges_for_every_carrier_with_a_gateway() -> None:
    ranges = carriers.load_gateway_ranges(DEFAULT_FILE)
    for carrier in GATEWAY_CARRIERS:
        assert ranges.networks(carrier), carrier
    assert ranges.networks("pc") == ()


def test_bundled_file_cites_a_source_and_snapshot_for_every_carrier_block() -> None:
    text = DEFAULT_FILE.read_text(encoding="utf-8")
    assert text.count("# Published at http") == len(GATEWAY_CARRIERS)
    assert text.count("# Snapshot") + text.count("Snapshot:") >= len(GATEWAY_CARRIERS)


@pytest.mark.parametrize("carrier", GATEWAY_CARRIERS)
def test_handset_from_inside_its_carriers_range_is_from_the_gateway(carrier: str) -> None:
    handset = carriers.detect(USER_AGENTS[carrier], {}, INSIDE[carrier])
    assert handset.carrier == carrier
    assert handset.from_gateway is True


@pytest.mark.parametrize("carrier", GATEWAY_CARRIERS)
@pytest.mark.parametrize("address", ["192.168.0.1", "8.8.8.8", "210.153.83.255"])
def test_handset_from_outside_every_range_is_not_from_the_gateway(carrier: str,
                                                                  address: str) -> None:
    assert carriers.detect(USER_AGENTS[carrier], {}, address).from_gateway is False


@pytest.mark.parametrize("carrier", GATEWAY_CARRIERS)
@pytest.mark.parametrize("other", GATEWAY_CARRIERS)
def test_handset_from_another_carriers_range_is_not_from_the_gateway(carrier: str,
                                                                     other: str) -> None:
    handset = carriers.detect(USER_AGENTS[carrier], {}, INSIDE[other])
    assert handset.from_gateway is (carrier == other)


def test_pc_and_smartphone_are_never_from_a_gateway() -> None:
    assert carriers.detect(PC_UA, {}, INSIDE["docomo"]).from_gateway is False
    iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 6_0 like Mac OS X) Mobile/10A5376e"
    assert carriers.detect(iphone, {}, INSIDE["softbank"]).from_gateway is False


@pytest.mark.parametrize("address", [
    "210.153.84.0", "210.153.84.255", "202.229.178.255", "::ffff:210.153.84.7"])
def test_range_edges_and_ipv4_mapped_addresses_are_inside(address: str) -> None:
    assert carriers.detect(DOCOMO_UA, {}, address).from_gateway is True


@pytest.mark.parametrize("address", [
    "2001:db8::1", "::1", "fe80::1%eth0", "unknown", "", "210.153.84", "210.153.84.1.5",
    "0210.153.84.1", "210.153.84.1:80", " 210.153.84.1", "210.153.84.1\x00", "\udcff",
    "210.153.84.256", "x" * 1000, "::ffff:8.8.8.8"])
def test_ipv6_and_garbage_addresses_are_not_inside(address: str) -> None:
    assert carriers.detect(DOCOMO_UA, {}, address).from_gateway is False
    assert carriers.gateway_ranges().carrier_of(address) is None


def test_carrier_of_names_the_carrier_whose_range_holds_the_address() -> None:
    ranges = carriers.gateway_ranges()
    for carrier, address in INSIDE.items():
        assert ranges.carrier_of(address) == carrier
    assert ranges.carrier_of("8.8.8.8") is None


def test_injected_ranges_replace_the_file() -> None:
    carriers.set_gateway_ranges(carriers.GatewayRanges({"docomo": ["192.0.2.0/24"]}))
    assert carriers.detect(DOCOMO_UA, {}, "192.0.2.9").from_gateway is True
    assert carriers.detect(DOCOMO_UA, {}, INSIDE["docomo"]).from_gateway is False
    assert carriers.detect(AU_UA, {}, INSIDE["au"]).from_gateway is False


def test_environment_variable_names_a_replacement_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    replacement = tmp_path / "ranges.txt"
    replacement.write_text(
        "# test ranges\nau 198.51.100.0/25  # a comment\n\nsoftbank 2001:db8::/32\n",
        encoding="utf-8")
    monkeypatch.setenv("KEITAI_GATEWAY_RANGES_FILE", str(replacement))
    carriers.set_gateway_ranges(None)  # forget the loaded ranges: the next use reads the file
    assert carriers.detect(AU_UA, {}, "198.51.100.127").from_gateway is True
    assert carriers.detect(AU_UA, {}, "198.51.100.128").from_gateway is False
    assert carriers.detect(AU_UA, {}, INSIDE["au"]).from_gateway is False
    assert carriers.detect(SOFTBANK_UA, {}, "2001:db8::5").from_gateway is True
    assert carriers.gateway_ranges().source == str(replacement)


def test_reload_reads_the_file_again(tmp_path: Path) -> None:
    replacement = tmp_path / "ranges.txt"
    replacement.write_text("docomo 203.0.113.0/24\n", encoding="utf-8")
    carriers.reload_gateway_ranges(replacement)
    assert carriers.detect(DOCOMO_UA, {}, "203.0.113.1").from_gateway is True
    replacement.write_text("docomo 198.51.100.0/24\n", encoding="utf-8")
    carriers.reload_gateway_ranges(replacement)
    assert carriers.detect(DOCOMO_UA, {}, "203.0.113.1").from_gateway is False


@pytest.mark.parametrize(("text", "line"), [
    ("docomo 210.153.84.0/24\ndocomo 210.153.84.1/24\n", 2),  # host bits set
    ("docomo 210.153.84.0/33\n", 1),
    ("docomo\n", 1),
    ("pc 10.0.0.0/8\n", 1),
    ("# fine\nemobile 117.55.1.224/27\n", 2),
    ("docomo 210.153.84.0/24 extra\n", 1),
])
def test_a_malformed_ranges_file_is_refused_with_its_line_number(text: str, line: int,
                                                                 tmp_path: Path) -> None:
    broken = tmp_path / "broken.txt"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(carriers.GatewayRangesError, match=f"broken.txt:{line}:"):
        carriers.load_gateway_ranges(broken)


def test_overlapping_and_adjacent_networks_are_merged_without_losing_addresses() -> None:
    ranges = carriers.GatewayRanges({"au": ["10.0.0.0/25", "10.0.0.128/25", "10.0.0.64/26",
                                            "10.0.2.0/24"]})
    for address in ("10.0.0.0", "10.0.0.127", "10.0.0.128", "10.0.0.255", "10.0.2.7"):
        assert ranges.contains("au", address), address
    for address in ("10.0.1.0", "10.0.3.0", "9.255.255.255"):
        assert not ranges.contains("au", address), address


def test_ranges_for_an_unknown_carrier_are_refused() -> None:
    with pytest.raises(carriers.GatewayRangesError):
        carriers.GatewayRanges({"emobile": ["117.55.1.224/27"]})
