"""Control characters and noncharacters never reach the database, so XHTML pages stay XML."""
from __future__ import annotations

from urllib.parse import quote_from_bytes

import pytest
from sqlalchemy import select

from keitai.db import db
from keitai.models import Diary, Member, Profile
from tests.handsets import assert_fits_handset, page_forms
from tests.security.browsing import member_on, multipart

#: what a Shift_JIS handset can send: C0 controls (TAB and LF stay), DEL, an ESC that starts
#: no emoji, the characters of a SoftBank web code sent by another carrier's handset
SJIS_SENT = "a\x00b\x01c\x08d\x0be\x0cf\x0eg\x1bh\x1fi\x7fj\tk\r\nl\x1b$Gj\x0f".encode("cp932")
SJIS_STORED = "abcdefghij\tk\nl$Gj"
#: what a UTF-8 handset can send besides: C1 controls and noncharacters of several planes
UTF8_SENT = ("a\x00b\x1fc\x7fd\x80e\x85f\x9fg\ufdd0h\ufdefi\ufffej\uffffk\U0001fffel"
             "\U000effffm\tn\r\no").encode()
UTF8_STORED = "abcdefghijklm\tn\no"
#: XHTML handsets: i-XHTML docomo (cookie-less), au XHTML MP, SoftBank 3G XHTML MP in UTF-8
SENT = [pytest.param(name, sent, stored, id=name) for name, sent, stored in (
    ("docomo-P903i", SJIS_SENT, SJIS_STORED), ("au-W53CA", SJIS_SENT, SJIS_STORED),
    ("softbank-930SH", UTF8_SENT, UTF8_STORED))]


@pytest.mark.parametrize(("name", "sent", "stored"), SENT)
def test_a_diary_keeps_its_text_without_control_characters_and_its_page_is_xml(
        app, create_member, name, sent, stored) -> None:
    create_member(email="taro@example.com")
    member = member_on(app, name, "taro@example.com")
    done = member.send(member.get("/diary/new"), {"title": b"title\x01" + sent[:4], "body": sent})
    assert done.status_int == 302
    page = member.get(done.headers["Location"])
    assert_fits_handset(member.handset, page, member.text(page))
    with app.app_context():
        diary = db.session.scalars(select(Diary)).one()
    assert (diary.title, diary.body) == ("title" + stored[:2], stored)


@pytest.mark.parametrize(("name", "sent", "stored"), SENT)
def test_a_self_introduction_and_nickname_lose_their_control_characters(
        app, create_member, name, sent, stored) -> None:
    me = create_member(email="taro@example.com")
    member = member_on(app, name, "taro@example.com")
    done = member.send(member.get("/settings/profile"),
                       {"nickname": "たろ\x1bう", "introduction": sent})
    assert done.status_int == 302
    page = member.get(f"/members/{me}")
    assert_fits_handset(member.handset, page, member.text(page))
    with app.app_context():
        assert db.session.get(Profile, me).introduction == stored
        assert db.session.get(Member, me).nickname == "たろう"


@pytest.mark.parametrize(("name", "sent", "stored"), SENT)
def test_a_query_loses_its_control_characters(app, name, sent, stored) -> None:
    member = member_on(app, name)
    page = member.get("/handset?sample=" + quote_from_bytes(sent))
    text = member.text(page)
    assert_fits_handset(member.handset, page, text)
    assert " ".join(f"U+{ord(c):04X}" for c in stored) in text


@pytest.mark.parametrize(("name", "sent", "stored"), SENT)
def test_a_form_shown_again_after_a_refusal_is_xml(app, create_member, name, sent,
                                                    stored) -> None:
    create_member(email="taro@example.com")
    member = member_on(app, name)
    again = member.send(member.get("/login"), {"email": b"taro\x01@" + sent, "password": b"x"})
    assert again.status_int == 200
    assert_fits_handset(member.handset, again, member.text(again))


@pytest.mark.parametrize("name", ["au-W53CA", "softbank-930SH"])
def test_a_multipart_form_loses_its_control_characters(app, create_member, name) -> None:
    create_member(email="taro@example.com")
    member = member_on(app, name)
    form = page_forms(member.get("/login"))[0]
    body, content_type = multipart([(k, v.encode()) for k, v in form.fields.items()] + [
        ("email", b"taro\x01@example.com\x7f"), ("password", b"kaeru2007\x00")])
    done = member.send_raw("POST", form.action, body, content_type)
    assert done.status_int == 302  # the address and password, once clean, are the member's
