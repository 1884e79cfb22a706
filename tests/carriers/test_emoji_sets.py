"""Which part of its carrier's emoji each handset shows: docomo's 252 web emoji, the basic 176
of them on i-mode HTML 1.0–3.0; SoftBank's E001–E257 on C types (J-PHONE/2.x, 3.x); the whole
table elsewhere."""
from __future__ import annotations

import pytest

import carriers
import emoji_maps
from carriers.emoji_sets import emoji_set
from emoji_maps.charsets import repertoire
from simulator.profiles import builtin_profiles

CASES = [
    ("DoCoMo/1.0/D501i", "docomo-basic"),
    ("DoCoMo/1.0/P503i/c10", "docomo-basic"),
    ("DoCoMo/1.0/SH251i/c10", "docomo-basic"),
    ("DoCoMo/1.0/D251i/c10", "docomo-web"),  # the same series, but i-mode HTML 4.0
    ("DoCoMo/2.0 N2001(c10)", "docomo-basic"),  # a FOMA model on i-mode HTML 3.0
    ("DoCoMo/2.0 MST_v_SH2101V(c100;TB;W22H12)", "docomo-basic"),
    ("DoCoMo/1.0/N505i/c20/TB/W24H12", "docomo-web"),
    ("DoCoMo/2.0 P903i(c100;TB;W24H12)", "docomo-web"),
    ("DoCoMo/2.0 N06A(c500;TB;W24H16)", "docomo-web"),
    ("J-PHONE/2.0/J-SH02", "softbank-c-type"),
    ("J-PHONE/3.0/J-SH10", "softbank-c-type"),
    ("J-PHONE/3.0/J-T07", "softbank-c-type"),
    ("J-PHONE/4.0/J-SH51/SN000000000000000 SH/0001aa Profile/MIDP-1.0", None),
    ("J-PHONE/4.3/V602T/SN000000000000000 TS/2.00 Profile/MIDP-1.0", None),
    ("SoftBank/1.0/930SH/SHJ001/SN000000000000000 Browser/NetFront/3.4 Profile/MIDP-2.0", None),
    ("KDDI-CA39 UP.Browser/6.2.0.13.1.5 (GUI) MMP/2.0", None),
    ("Mozilla/3.0(WILLCOM;SANYO/WX310SA/2;1/1/C128) NetFront/3.3", "docomo-web"),
    ("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", None),
]


@pytest.mark.parametrize(("agent", "expected"), CASES)
def test_each_handset_shows_its_carriers_whole_table_or_the_set_of_its_generation(
        agent: str, expected: str | None) -> None:
    assert emoji_set(carriers.detect(agent)) == expected


def test_a_j_phone_whose_version_cannot_be_read_is_not_guessed_to_be_a_c_type() -> None:
    handset = carriers.detect("J-PHONE/x/J-SH02")
    assert handset.browser is None
    assert emoji_set(handset) is None


def test_every_built_in_handset_gets_a_set_of_its_own_carriers_table() -> None:
    names = {}
    for profile in builtin_profiles():
        handset = carriers.detect(profile.user_agent, profile.headers)
        name = emoji_set(handset)
        if name is not None:
            table = repertoire(handset.carrier, "utf-8")
            assert emoji_maps.EMOJI_SETS[name].table == table, profile.name
            names[profile.name] = name
    assert names == {"docomo-N505i": "docomo-web", "docomo-P903i": "docomo-web",
                     "docomo-N06A": "docomo-web", "docomo-D501i": "docomo-basic",
                     "willcom-WX310SA": "docomo-web", "softbank-J-SH02": "softbank-c-type",
                     "softbank-J-SH10": "softbank-c-type", "softbank-J-T07": "softbank-c-type"}
