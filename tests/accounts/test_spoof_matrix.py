"""Easy login cannot be spoofed: of every combination of id header, address, User-Agent and
Host, only the genuine one (all of one carrier, through its gateway, under our name) logs in.
"""
from __future__ import annotations

import itertools

import pytest

from keitai.db import db
from keitai.models import RegisteredHandset, WebSession
from keitai.security import terminal_id_hash
from tests.handsets import GATEWAY_ADDRESS, OUTSIDE_ADDRESS, SUBSCRIBER_IDS, page_forms

CARRIERS = ("docomo", "au", "softbank")
ID_HEADERS = {"docomo": "X-DCMGUID", "au": "X-UP-SUBNO", "softbank": "X-JPHONE-UID"}
ADDRESSES = {**GATEWAY_ADDRESS, "outside": OUTSIDE_ADDRESS}
AGENTS = {"docomo": "docomo-P903i", "au": "au-W53CA", "softbank": "softbank-930SH",
          "pc": "pc-Firefox"}
HOSTS = ("keitai.test", "evil.example")
NETWORKS = {"docomo": "iモード", "au": "EZweb", "softbank": "Yahoo!ケータイ"}
NO_ID = {"docomo": "iモードIDが送られてきませんでした", "au": "EZ番号(サブスクライバID)が",
         "softbank": "ユーザIDが送られてきませんでした"}
MATRIX = list(itertools.product(CARRIERS, ADDRESSES, AGENTS, HOSTS))


def expected_refusal(header: str, address: str, agent: str, host: str) -> str | None:
    """Return the words the refused handset reads, or None for the genuine combination."""
    if host != "keitai.test":
        return "このアドレスからは使えません"
    if agent == "pc":
        return "かんたんログインは携帯電話(iモード・EZweb・Yahoo!ケータイ)のブラウザから使えます"
    if address != agent:
        return f"かんたんログインは{NETWORKS[agent]}の接続からだけ使えます"
    if header != agent:
        return NO_ID[agent]  # another carrier's header is never read
    return None


@pytest.fixture()
def member_with_three_handsets(app, create_member) -> int:  # type: ignore[no-untyped-def]
    """A member who registered a docomo, an au and a SoftBank handset."""
    member_id = create_member(email="taro@example.com")
    with app.app_context():
        for carrier in CARRIERS:
            db.session.add(RegisteredHandset(
                member_id=member_id, carrier=carrier, id_kind="subscriber_id",
                id_hash=terminal_id_hash(carrier, "subscriber_id", SUBSCRIBER_IDS[carrier])))
        db.session.commit()
    return member_id


@pytest.mark.parametrize("header, address, agent, host", MATRIX,
                         ids=["-".join(combo) for combo in MATRIX])
def test_only_the_genuine_combination_logs_in(app, handset, member_with_three_handsets,
                                              header: str, address: str, agent: str,
                                              host: str) -> None:
    client = handset(AGENTS[agent], send_ids=False, remote_addr=ADDRESSES[address], host=host)
    fields = page_forms(client.get("/login"))[0].fields  # a session and its CSRF secret
    answer = client.post("/easy_login?guid=ON", fields, expect_errors=True,
                         headers={ID_HEADERS[header]: SUBSCRIBER_IDS[header]})
    refusal = expected_refusal(header, address, agent, host)
    with app.app_context():
        logged_in = db.session.query(WebSession).filter(
            WebSession.member_id == member_with_three_handsets).count()
    if refusal is None:
        assert answer.status_int == 302 and logged_in == 1
        # the gateway sends the id with every request; the session is bound to it
        same_id = {ID_HEADERS[header]: SUBSCRIBER_IDS[header]}
        assert "たろうさん" in client.text(answer.follow(headers=same_id))
    else:
        assert logged_in == 0
        assert answer.status_int == (403 if host != "keitai.test" else 200)
        assert refusal in client.text(answer)


def test_the_matrix_has_exactly_three_genuine_combinations() -> None:
    genuine = [combo for combo in MATRIX if expected_refusal(*combo) is None]
    assert genuine == [("docomo", "docomo", "docomo", "keitai.test"),
                       ("au", "au", "au", "keitai.test"),
                       ("softbank", "softbank", "softbank", "keitai.test")]
    assert len(MATRIX) == 96
