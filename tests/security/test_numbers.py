"""Numbers in paths, queries and forms: ASCII (or full-width) digits, never a crash."""
from __future__ import annotations

from urllib.parse import quote

import pytest
from sqlalchemy import func, select

from keitai.db import db
from keitai.models import Block
from keitai.numbers import ID_MAX, parse_number
from tests.handsets import page_forms
from tests.security.browsing import member_on

#: a handset of each kind that logs in: cookie-less i-XHTML docomo, au, a PC
HANDSETS = ["docomo-P903i", "au-W53CA", "pc-Firefox"]
#: ids SQLite cannot bind (beyond 64 bits) or no id column holds (beyond 32 bits)
HUGE_IDS = [str(ID_MAX + 1), str(2**63), "99999999999999999999", "9" * 5000]
ID_PAGES = ["/members/{id}", "/members/{id}/more", "/members/{id}/diary", "/diary/{id}",
            "/diary/{id}/edit", "/messages/{id}", "/friends/{id}/remove"]
#: characters str.isdigit() calls digits although int() refuses them, in the handset's charset
NOT_DIGITS = {"utf-8": ["\u00b2", "\u2460", "\u00b9\u00b2"], "cp932": ["\u2460", "\u2473"]}


def _charset(name: str) -> str:
    return "utf-8" if name == "pc-Firefox" else "cp932"


@pytest.mark.parametrize("name", HANDSETS)
@pytest.mark.parametrize("path", ID_PAGES)
def test_an_id_no_database_column_can_hold_is_not_found(app, create_member, name,
                                                        path) -> None:
    create_member(email="taro@example.com")
    member = member_on(app, name, "taro@example.com")
    for huge in HUGE_IDS:
        response = member.get(path.format(id=huge), expect_errors=True)
        assert response.status_int == 404, (huge[:30], response.status)


@pytest.mark.parametrize("name", HANDSETS)
def test_a_post_to_an_id_no_database_column_can_hold_is_not_found(app, create_member,
                                                                  name) -> None:
    create_member(email="taro@example.com")
    member = member_on(app, name, "taro@example.com")
    csrf = page_forms(member.get("/logout"))[0].fields["csrf_token"]
    for path in ("/members/{id}/bookmark", "/diary/{id}/comments", "/messages/{id}/delete"):
        response = member.post(path.format(id=2**63), {"csrf_token": csrf, "body": "こんにちは"},
                               expect_errors=True)
        assert response.status_int == 404, (path, response.status)


@pytest.mark.parametrize("name", HANDSETS)
def test_superscripts_and_circled_numbers_are_no_page_number(app, create_member, name) -> None:
    create_member(email="taro@example.com")
    hanako = create_member(email="hanako@example.com", nickname="はなこ")
    member = member_on(app, name, "taro@example.com")
    charset = _charset(name)
    for value in NOT_DIGITS["utf-8" if charset == "utf-8" else "cp932"]:
        quoted = quote(value.encode(charset))
        for path in ("/friends?page=", "/footprints?page=", "/messages?page=",
                     "/settings/blocks?page=", "/handset?pp=", "/messages/new?to=",
                     f"/messages/new?to={hanako}&re="):
            response = member.get(path + quoted, expect_errors=True)
            assert response.status_int in (200, 404), (path, value, response.status)


@pytest.mark.parametrize("name", HANDSETS)
def test_a_circled_number_is_no_member_to_block(app, create_member, name) -> None:
    create_member(email="taro@example.com")
    create_member(email="hanako@example.com", nickname="はなこ")
    member = member_on(app, name, "taro@example.com")
    csrf = page_forms(member.get("/logout"))[0].fields["csrf_token"]
    body = f"csrf_token={csrf}&member_id=" + quote("\u2460".encode(_charset(name)))
    response = member.post("/settings/blocks", body,
                           content_type="application/x-www-form-urlencoded")
    assert response.status_int == 302
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Block)) == 0


def test_a_full_width_member_id_names_the_member(app, create_member) -> None:
    create_member(email="taro@example.com")
    hanako = create_member(email="hanako@example.com", nickname="はなこ")
    member = member_on(app, "docomo-P903i", "taro@example.com")
    full_width = str(hanako).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    page = member.get("/messages/new?to=" + quote(full_width.encode("cp932")))
    assert "はなこ" in member.text(page)


@pytest.mark.parametrize(("value", "number"), [
    ("7", 7), ("0042", 42), ("１２", 12), (str(ID_MAX), ID_MAX), ("", None), (None, None),
    ("\u00b2", None), ("\u2460", None), ("\u0661\u0662", None), ("-1", None), ("+1", None),
    (" 1", None), ("1.0", None), ("0x10", None), (str(ID_MAX + 1), None), ("9" * 5000, None),
])
def test_a_number_is_read_from_ascii_or_full_width_digits_only(value, number) -> None:
    assert parse_number(value) == number
