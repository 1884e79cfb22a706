"""Carrier mail domains and easy-login rules: complete, data-driven, no surprises."""
from __future__ import annotations

import pytest

import carriers
from carriers.easy_login import RULES
from carriers.gateways import GATEWAY_CARRIERS
from carriers.mail_domains import (
    DEFAULT_FILE,
    MAIL_CARRIERS,
    READ_AS,
    MailDomains,
    MailDomainsError,
    mail_reader,
)

ISSUE_DOMAINS = {
    "docomo.ne.jp": "docomo", "ezweb.ne.jp": "au", "au.com": "au", "softbank.ne.jp": "softbank",
    "i.softbank.jp": "softbank", "pdx.ne.jp": "willcom", "di.pdx.ne.jp": "willcom",
    "dj.pdx.ne.jp": "willcom", "dk.pdx.ne.jp": "willcom", "wm.pdx.ne.jp": "willcom",
    "willcom.com": "willcom", "emnet.ne.jp": "emobile",
    **{f"{letter}.vodafone.ne.jp": "softbank" for letter in "dhtcrknsq"},
}


@pytest.mark.parametrize("domain, carrier", sorted(ISSUE_DOMAINS.items()))
def test_every_carrier_domain_of_the_issue_is_a_mobile_address(domain: str,
                                                               carrier: str) -> None:
    assert carriers.mail_carrier(f"taro@{domain}") == carrier
    assert carriers.mail_carrier(f"TARO@{domain.upper()}") == carrier


@pytest.mark.parametrize("address", [
    "taro@gmail.com", "taro@yahoo.co.jp", "taro@docomo.ne.jp.example.com",
    "taro@xdocomo.ne.jp", "taro@x.vodafone.ne.jp", "taro@mopera.net", "taro@vodafone.ne.jp",
    "docomo.ne.jp", "", "taro@", "taro@ne.jp"])
def test_other_addresses_are_not_mobile_addresses(address: str) -> None:
    assert carriers.mail_carrier(address) is None


def test_subdomains_count_only_where_the_table_says_so() -> None:
    assert carriers.mail_carrier("taro@xx.pdx.ne.jp") == "willcom"
    assert carriers.mail_carrier("taro@company.biz.ezweb.ne.jp") == "au"
    assert carriers.mail_carrier("taro@xx.ezweb.ne.jp") is None
    assert carriers.mail_carrier("taro@xx.docomo.ne.jp") is None


def test_docomo_links_in_mail_carry_guid_on_and_the_others_nothing() -> None:
    assert carriers.mail_link_query("taro@docomo.ne.jp") == "guid=ON"
    assert carriers.mail_link_query("taro@ezweb.ne.jp") == ""
    assert carriers.mail_link_query("taro@example.com") == ""


def test_the_domains_file_refuses_unknown_carriers_with_the_line_number() -> None:
    with pytest.raises(MailDomainsError, match=r"x.txt:2"):
        MailDomains.parse("docomo docomo.ne.jp\nnttdocomo docomo.ne.jp\n", "x.txt")
    assert MailDomains.parse(DEFAULT_FILE.read_text(), "bundled").exact


def test_every_easy_login_carrier_has_a_gateway_and_handset_words() -> None:
    assert set(RULES) <= set(GATEWAY_CARRIERS)
    for rule in RULES.values():
        assert rule.id_fields and rule.id_fields[0] == "subscriber_id"
        assert rule.network and rule.id_name in rule.how_to_send and "通知する" in rule.how_to_send
    assert RULES["docomo"].serial_by_form and not RULES["au"].serial_by_form


def test_easy_login_reads_only_the_ids_of_the_user_agents_own_carrier() -> None:
    agent = "KDDI-CA39 UP.Browser/6.2.0.13.1.5 (GUI) MMP/2.0"
    forged = carriers.detect(agent, {"X-DCMGUID": "AbC1234", "X-JPHONE-UID": "a1b2c3d4e5f6g7h8"})
    rules = carriers.easy_login_rules(forged)
    assert rules is not None and rules.terminal_ids(forged) == []
    assert carriers.easy_login_rules(carriers.detect("Mozilla/5.0 (X11; Linux)")) is None


@pytest.mark.parametrize("domain, carrier", sorted(ISSUE_DOMAINS.items()))
def test_mail_to_a_carrier_domain_is_read_as_that_carriers_handsets_read_it(
        domain: str, carrier: str) -> None:
    # EMOBILE's handsets ran full browsers, which detect() calls smartphones
    expected = "smartphone" if carrier == "emobile" else carrier
    assert mail_reader(f"taro@{domain}") == expected


def test_mail_to_other_addresses_is_read_as_a_pc_reads_it() -> None:
    assert mail_reader("taro@example.com") == "pc"
    assert mail_reader("taro@x.vodafone.ne.jp") == "pc"
    assert mail_reader("not an address") == "pc"


def test_every_mail_carrier_is_read_as_a_carrier_detect_knows() -> None:
    for carrier in MAIL_CARRIERS:
        assert READ_AS.get(carrier, carrier) in carriers.CARRIERS, carrier
