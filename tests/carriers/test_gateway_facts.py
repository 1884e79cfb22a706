"""What carrier gateways add, as the simulator plays it: docomo utn serials, SoftBank user ids."""
from __future__ import annotations

import pytest

import carriers
from carriers.docomo import with_serial
from carriers.softbank import sends_user_id


@pytest.mark.parametrize(("agent", "card_id", "sent"), [
    ("DoCoMo/1.0/N505i/c20/TB/W24H12", None,
     "DoCoMo/1.0/N505i/c20/TB/W24H12/serAB123456789"),
    ("DoCoMo/2.0 P903i(c100;TB;W24H12)", "89811000001234567890",
     "DoCoMo/2.0 P903i(c100;TB;W24H12;serAB1234567890123;icc89811000001234567890)"),
    ("DoCoMo/2.0 N2001", None, "DoCoMo/2.0 N2001(serAB1234567890123)"),
])
def test_a_utn_confirmation_adds_the_serial_where_detect_reads_it(
        agent: str, card_id: str | None, sent: str) -> None:
    serial = "AB123456789" if agent.startswith("DoCoMo/1.0") else "AB1234567890123"
    assert with_serial(agent, serial, card_id) == sent
    handset = carriers.detect(sent)
    assert (handset.serial, handset.card_id) == (serial, card_id)


@pytest.mark.parametrize(("agent", "sends"), [
    ("J-PHONE/2.0/J-SH02", False), ("J-PHONE/3.0/J-SH10", False),
    ("J-PHONE/4.0/J-SH51/SN123456789012345 SH/0001aa", True),
    ("J-PHONE/4.3/V602T/SN123456789012345 TS/2.00", True),
    ("J-PHONE/5.0/V801SA/SN123456789012345 SA/0001JP", True),
    ("SoftBank/1.0/930SH/SHJ001/SN123456789012345 Browser/NetFront/3.4", True),
    ("Vodafone/1.0/V903SH/SHJ001 Browser/UP.Browser/7.0.2.1", True),
    ("MOT-V980/80.2F.2E. MIB/2.2.1 Profile/MIDP-2.0", True),
    ("J-PHONE/x.y/J-SH02", False),
])
def test_softbank_sends_the_user_id_from_the_p_type_on(agent: str, sends: bool) -> None:
    assert sends_user_id(agent) is sends
