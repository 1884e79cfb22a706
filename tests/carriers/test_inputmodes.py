"""Input-mode attributes: each handset reads back the mode the site wrote for it."""
from __future__ import annotations

import pytest

from carriers import CARRIERS, MARKUPS, Handset
from carriers.inputmodes import (
    HTML5_READS,
    MODES,
    READ_MODES,
    READS,
    input_mode_attrs,
    read_input_mode,
)

BROWSERS = [*READS, ("smartphone", "html5"), ("pc", "html5")]
#: the mode a browser that lacks a kind of field opens instead: docomo and au have no
#: katakana-only mode
NEAREST = {"katakana": "hiragana"}


def browser(carrier: str, markup: str) -> Handset:
    return Handset(carrier=carrier, markup=markup)


@pytest.mark.parametrize("carrier, markup", BROWSERS)
@pytest.mark.parametrize("mode", MODES)
def test_a_handset_reads_back_the_mode_the_site_wrote_for_it(carrier: str, markup: str,
                                                            mode: str) -> None:
    handset = browser(carrier, markup)
    written = input_mode_attrs(handset, mode)
    found = read_input_mode(handset, dict(written))
    if not written:  # HTML5 has no inputmode for kana or letters: the field opens as it is
        assert found is None and (carrier, markup) not in READS
        return
    assert found is not None
    assert found[0] in (mode, NEAREST.get(mode))
    assert input_mode_attrs(handset, found[0]) == written


@pytest.mark.parametrize("carrier, markup", BROWSERS)
def test_the_site_writes_only_attributes_the_handset_reads(carrier: str, markup: str) -> None:
    handset = browser(carrier, markup)
    honoured = {scheme.attribute for scheme in READS.get((carrier, markup), HTML5_READS)}
    for mode in MODES:
        assert {name for name, _value in input_mode_attrs(handset, mode)} <= honoured


def test_each_browser_reads_its_own_attribute_first_when_a_field_carries_all_of_them() -> None:
    field = {"istyle": "1", "format": "*N", "mode": "alphabet", "inputmode": "numeric",
             "style": '-wap-input-format:*N;-wap-input-format:"*<ja:hk>"'}
    read = {browser_: read_input_mode(browser(*browser_), field) for browser_ in BROWSERS}
    assert read[("docomo", "chtml")] == ("hiragana", 'istyle="1"')
    assert read[("docomo", "ixhtml")] == ("hankakukana", "-wap-input-format:*<ja:hk>")
    assert read[("au", "chtml")] == ("numeric", 'format="*N"')
    assert read[("au", "xhtml_mp")] == ("numeric", 'format="*N"')
    assert read[("softbank", "chtml")] == ("alphabet", 'mode="alphabet"')
    assert read[("softbank", "xhtml_mp")] == ("alphabet", 'mode="alphabet"')
    assert read[("willcom", "chtml")] == ("hiragana", 'istyle="1"')
    assert read[("pc", "html5")] == ("numeric", 'inputmode="numeric"')


def test_a_j_phone_ignores_istyle_and_a_3g_softbank_handset_falls_back_to_it() -> None:
    assert read_input_mode(browser("softbank", "chtml"), {"istyle": "4"}) is None
    assert read_input_mode(browser("softbank", "xhtml_mp"), {"istyle": "4"}) == (
        "numeric", 'istyle="4"')
    assert input_mode_attrs(browser("softbank", "chtml"), "numeric") == (("mode", "numeric"),)


def test_au_opens_half_width_kana_through_istyle_as_it_has_no_format_for_it() -> None:
    for markup in ("chtml", "xhtml_mp"):
        handset = browser("au", markup)
        assert input_mode_attrs(handset, "hankakukana") == (("istyle", "2"),)
        assert read_input_mode(handset, {"istyle": "2"}) == ("hankakukana", 'istyle="2"')


def test_the_tables_name_only_known_carriers_markups_and_modes() -> None:
    for (carrier, markup), schemes in READS.items():
        assert carrier in CARRIERS and markup in MARKUPS
        for scheme in schemes:
            assert set(scheme.values) <= set(MODES)
            assert set(scheme.meanings.values()) <= set(READ_MODES)
