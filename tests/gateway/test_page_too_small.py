"""A page that no split can fit the handset's byte limit: a short message instead, in the
handset's own markup and charset, inside its limit, and nothing the page would have written."""
from __future__ import annotations

import re
from xml.dom import minidom

import pytest
from flask import Flask
from sqlalchemy import func, select

from carriers import detect
from carriers.markup import markup_for
from keitai.db import db
from keitai.models.web_session import WebSession
from tests.gateway.views import board
from tests.handsets import PROFILES, HandsetClient, Profile

TOO_SMALL = "このページは表示できません。"

#: handsets with small pages: FOMA and mova announcing c1, an au of 1024-byte PDUs, and a
#: J-PHONE of 6000 bytes (which reads emoji as web codes)
TINY = {
    "softbank-J-SH10": PROFILES["softbank-J-SH10"],
    "docomo-FOMA-c1": Profile("docomo-FOMA-c1", "docomo", "DoCoMo/2.0 P903i(c1;TB;W24H12)",
                              cookies=False),
    "docomo-mova-c1": Profile("docomo-mova-c1", "docomo", "DoCoMo/1.0/D501i/c1",
                              cookies=False),
    "au-pdu-1024": Profile("au-pdu-1024", "au", "KDDI-CA39 UP.Browser/6.2.0.13.1.5 (GUI) "
                           "MMP/2.0", {"X-UP-DEVCAP-MAX-PDU": "1024"}),
}


def counts(app: Flask) -> tuple[int, int]:
    """Return how many board posts and sessions the database holds."""
    with app.app_context():
        posts = db.session.scalar(select(func.count()).select_from(board))
        sessions = db.session.scalar(select(func.count()).select_from(WebSession))
        db.session.remove()
    return posts or 0, sessions or 0


@pytest.mark.parametrize("name", sorted(TINY))
def test_a_page_too_big_for_any_split_answers_a_short_message_in_the_handsets_markup(
        app: Flask, name: str) -> None:
    client = HandsetClient(app, TINY[name])
    handset = detect(TINY[name].user_agent, TINY[name].headers)
    assert handset.page_limit_bytes is not None and handset.page_limit_bytes <= 6000
    lines = handset.page_limit_bytes // 30  # each line 34 bytes in Shift_JIS
    page = client.get(f"/_t/wide?n={lines}&guid=ON", expect_errors=True)
    assert page.status_int == 500
    assert page.headers["Content-Type"] == markup_for(handset).content_type("shift_jis")
    assert page.headers["Content-Type"].endswith("charset=Shift_JIS")
    assert len(page.body) <= handset.page_limit_bytes
    text = page.body.decode("cp932")
    assert TOO_SMALL in text and "この欄には" not in text
    assert TOO_SMALL.encode("cp932") in page.body
    if markup_for(handset).xml:
        minidom.parseString(re.sub(r"^<\?xml[^>]*\?>", "", text).encode("utf-8"))
    assert "Set-Cookie" not in page.headers
    assert counts(app) == (0, 0)


def test_a_session_is_left_as_it_was_by_a_page_that_could_not_be_shown(app: Flask) -> None:
    client = HandsetClient(app, TINY["au-pdu-1024"])
    assert "visits=1" in client.text(client.get("/_t/count"))
    assert client.get("/_t/wide", expect_errors=True).status_int == 500
    assert "visits=2" in client.text(client.get("/_t/count"))
    with app.app_context():
        data = db.session.scalars(select(WebSession.data)).all()
        db.session.remove()
    assert data == [{"visits": 2}]
    assert counts(app) == (0, 1)
