"""A query or form the gateway refuses gets a short page in the handset's charset, not a 500."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from carriers.markup import markup_for
from keitai.db import db
from keitai.models import Diary
from tests.handsets import assert_fits_handset, page_forms
from tests.security.browsing import member_on, multipart

HANDSETS = ["docomo-N505i", "docomo-P903i", "au-W53CA", "softbank-930SH", "pc-Firefox"]
TOO_MANY = 1001


def _assert_short_page_for(member, response, status: int, words: str) -> None:  # type: ignore[no-untyped-def]
    handset = member.handset
    assert response.status_int == status, response.status
    assert response.headers["Content-Type"] == markup_for(handset).content_type(handset.charset)
    assert words in member.text(response)
    assert len(response.body) < 2048


@pytest.mark.parametrize("name", HANDSETS)
def test_a_query_of_more_than_1000_fields_gets_a_short_page_in_the_handsets_charset(
        app, name) -> None:
    member = member_on(app, name)
    query = "&".join("f" for _ in range(TOO_MANY))
    response = member.get(f"/handset?{query}", expect_errors=True)
    _assert_short_page_for(member, response, 400, "項目が多すぎます")


@pytest.mark.parametrize("name", HANDSETS)
def test_a_query_of_1000_fields_is_still_read(app, name) -> None:
    member = member_on(app, name)
    # guid=ON among them: a docomo handset sends it on every link of ours
    query = "&".join("f" for _ in range(998)) + "&guid=ON&sample=abc"
    assert "受信: abc" in member.text(member.get(f"/handset?{query}"))


@pytest.mark.parametrize("name", HANDSETS)
def test_an_address_longer_than_any_handset_sends_gets_a_short_page(app, name) -> None:
    member = member_on(app, name)
    response = member.get("/bookmarks?x=" + "x" * 70_000, expect_errors=True)
    if response.status_int == 302:  # a visitor goes to the login page, carrying the address
        response = member.get(response.headers["Location"], expect_errors=True)
    _assert_short_page_for(member, response, 414, "アドレスが長すぎます")


def test_a_query_of_2048_bytes_is_still_read(app) -> None:
    member = member_on(app, "docomo-N505i")
    query = "guid=ON&sample=abc&x=" + "x" * (2048 - len("guid=ON&sample=abc&x="))
    assert "受信: abc" in member.text(member.get(f"/handset?{query}"))


@pytest.mark.parametrize("name", HANDSETS)
def test_a_form_of_more_than_1000_fields_gets_a_short_page_and_writes_nothing(
        app, create_member, name) -> None:
    create_member(email="taro@example.com")
    member = member_on(app, name, "taro@example.com")
    fields = {"title": "たいとる", "body": "ほんぶん", **{f"f{i}": "1" for i in range(TOO_MANY)}}
    response = member.send(member.get("/diary/new"), fields, expect_errors=True)
    _assert_short_page_for(member, response, 400, "項目が多すぎます")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Diary)) == 0


@pytest.mark.parametrize("name", ["au-W53CA", "pc-Firefox"])
def test_a_multipart_form_of_more_than_1000_parts_is_refused_and_writes_nothing(
        app, create_member, name) -> None:
    create_member(email="taro@example.com")
    member = member_on(app, name, "taro@example.com")
    form = page_forms(member.get("/diary/new"))[0]
    fields = [(k, v.encode()) for k, v in form.fields.items()]
    body, content_type = multipart(fields + [("title", b"t"), ("body", b"b")]
                                   + [(f"f{i}", b"1") for i in range(TOO_MANY)])
    response = member.send_raw("POST", form.action, body, content_type, expect_errors=True)
    _assert_short_page_for(member, response, 413, "大きすぎます")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Diary)) == 0


@pytest.mark.parametrize("name", ["au-W53CA", "softbank-930SH", "pc-Firefox"])
def test_a_multipart_form_is_read_in_the_handsets_charset(app, create_member, name) -> None:
    create_member(email="taro@example.com")
    member = member_on(app, name, "taro@example.com")
    form = page_forms(member.get("/diary/new"))[0]
    charset = "cp932" if member.handset.charset == "shift_jis" else "utf-8"
    fields = [(k, v.encode()) for k, v in form.fields.items()]
    body, content_type = multipart(fields + [("title", "晴れ".encode(charset)),
                                             ("body", "散歩に行きました".encode(charset))])
    done = member.send_raw("POST", form.action, body, content_type)
    assert done.status_int == 302
    with app.app_context():
        diary = db.session.scalars(select(Diary)).one()
    assert (diary.title, diary.body) == ("晴れ", "散歩に行きました")


def test_a_multipart_part_without_a_readable_name_is_ignored(app, create_member) -> None:
    create_member(email="taro@example.com")
    member = member_on(app, "au-W53CA")
    form = page_forms(member.get("/login"))[0]
    body, content_type = multipart([(k, v.encode()) for k, v in form.fields.items()] + [
        ("\r", b"x"), ("email", b"taro@example.com"), ("password", b"kaeru2007")])
    assert member.send_raw("POST", form.action, body, content_type).status_int == 302


def test_a_charset_field_naming_a_python_codec_is_not_believed(app) -> None:
    member = member_on(app, "pc-Firefox")
    page = member.get("/handset?_charset_=unicode_escape&sample=%5Cu3042")
    assert "受信: \\u3042" in member.text(page)


def test_a_form_sent_with_a_get_is_not_read(app, create_member) -> None:
    create_member(email="taro@example.com")
    hanako = create_member(email="hanako@example.com", nickname="はなこ")
    member = member_on(app, "au-W53CA", "taro@example.com")
    response = member.send_raw("GET", f"/members/{hanako}/endorsements/write",
                               b"relation=planted-by-a-get&body=%01",
                               "application/x-www-form-urlencoded")
    assert response.status_int == 200
    assert "planted-by-a-get" not in member.text(response)


def test_a_long_address_is_not_carried_on_to_the_login_page(app) -> None:
    member = member_on(app, "docomo-D501i")  # DoCoMo/1.0 without a cache size: 5 KB pages
    response = member.get("/bookmarks?x=" + "%26" * 600)
    assert response.status_int == 302
    assert response.headers["Location"].startswith("/login?next=%2Fbookmarks&")
    page = member.get(response.headers["Location"])
    assert_fits_handset(member.handset, page, member.text(page))
    assert 'name="next" value="/bookmarks"' in member.text(page)
