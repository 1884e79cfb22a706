"""The carriers registries and data files are complete and match the published facts."""
from __future__ import annotations

import hashlib

import pytest

import carriers
from carriers import displays
from carriers.detection import PARSERS
from carriers.gateways import DEFAULT_FILE, ENV_VAR, GATEWAY_CARRIERS

#: docomo's published display table as the handset facts gave it: 290 models, SHA-256 pinned so
#: that a model docomo never published goes into docomo_displays_extra.tsv instead
PUBLISHED_DISPLAYS = displays.DATA_DIR / "docomo_displays.tsv"
PUBLISHED_SHA256 = "dc4536a8df2eeaa40d1518a264adc2c83db6001500ac53d5b94b3658a1d13344"
PUBLISHED_MODELS = 290


def test_every_carrier_has_exactly_one_parser_and_the_pc_parser_comes_last() -> None:
    assert sorted(parser.carrier for parser in PARSERS) == sorted(carriers.CARRIERS)
    assert PARSERS[-1].carrier == "pc"
    assert all(parser.matches("") is (parser.carrier == "pc") for parser in PARSERS)


def test_only_feature_phone_carriers_have_gateways() -> None:
    keitai = {carrier for carrier in carriers.CARRIERS
              if carriers.Handset(carrier=carrier).is_keitai}
    assert set(GATEWAY_CARRIERS) == keitai


def test_docomo_display_table_is_the_published_table_unchanged() -> None:
    data = PUBLISHED_DISPLAYS.read_bytes()
    assert hashlib.sha256(data).hexdigest() == PUBLISHED_SHA256
    rows = data.decode("utf-8").splitlines()
    assert rows[0].split("\t") == ["model", "browser_width", "browser_height", "color", "colors"]
    assert len(rows) - 1 == PUBLISHED_MODELS


def test_docomo_display_table_is_loaded_once_with_every_model() -> None:
    table = displays.docomo_displays()
    assert displays.docomo_displays() is table
    published = PUBLISHED_DISPLAYS.read_text(encoding="utf-8").splitlines()[1:]
    assert {row.split("\t")[0] for row in published} <= set(table)
    assert len(table) == len(published) + 5  # the mova models of docomo_displays_extra.tsv


def test_extra_display_rows_add_models_without_changing_published_ones() -> None:
    published = {row.split("\t")[0] for row in
                 PUBLISHED_DISPLAYS.read_text(encoding="utf-8").splitlines()[1:]}
    extra = (displays.DATA_DIR / "docomo_displays_extra.tsv").read_text(encoding="utf-8")
    models = [line.split("\t")[0] for line in extra.splitlines()
              if line and not line.startswith(("#", "model"))]
    assert models and not set(models) & published


def test_without_the_environment_variable_the_bundled_ranges_are_used(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    carriers.set_gateway_ranges(None)
    assert carriers.gateway_ranges().source == str(DEFAULT_FILE)
    assert carriers.gateway_ranges() is carriers.gateway_ranges()


def test_the_bundled_ranges_file_lists_no_network_twice() -> None:
    ranges = carriers.load_gateway_ranges(DEFAULT_FILE)
    for carrier in GATEWAY_CARRIERS:
        networks = ranges.networks(carrier)
        assert len(networks) == len(set(networks)), carrier
