"""A refused form is shown again within the handset's page budget, whatever was typed."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from keitai.db import db
from keitai.models import Comment, Diary, Message
from tests.handsets import assert_fits_handset
from tests.security.browsing import member_on

#: a DoCoMo/1.0 handset without a cache size (5 KB pages), and the ones around it
HANDSETS = ["docomo-D501i", "docomo-N505i", "docomo-P903i", "au-W53CA"]


@pytest.mark.parametrize("name", HANDSETS)
@pytest.mark.parametrize(("subject", "body"), [
    pytest.param("件" * 51, "本" * 2000, id="subject-51"),
    pytest.param("件名", "本" * 2001, id="body-2001"),
    pytest.param("件" * 5000, "本" * 5000, id="both-5000")])
def test_a_refused_message_is_shown_again_within_the_page(app, create_member, name, subject,
                                                          body) -> None:
    create_member(email="taro@example.com")
    hanako = create_member(email="hanako@example.com", nickname="はなこ")
    member = member_on(app, name, "taro@example.com")
    again = member.send(member.get(f"/messages/new?to={hanako}"),
                        {"subject": subject, "body": body})
    text = member.text(again)
    assert_fits_handset(member.handset, again, text)
    assert "文字以内で入力してください" in text
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Message)) == 0


@pytest.mark.parametrize("name", HANDSETS)
@pytest.mark.parametrize(("path", "fields", "words"), [
    pytest.param("/settings/profile", {"nickname": "た" * 5001, "introduction": "あ" * 5001},
                 "文字以内で入力してください", id="profile"),
    pytest.param("/login", {"email": "あ" * 5001, "password": "x"}, "ログイン", id="login"),
])
def test_a_form_too_large_for_any_page_is_shown_again_empty(app, create_member, name, path,
                                                            fields, words) -> None:
    create_member(email="taro@example.com")
    member = member_on(app, name, "taro@example.com" if path != "/login" else None)
    again = member.send(member.get(path), fields)
    text = member.text(again)
    assert_fits_handset(member.handset, again, text)
    assert words in text


def test_a_long_page_links_its_parts_without_the_raw_bytes_of_its_address(
        app, create_member) -> None:
    taro = create_member(email="taro@example.com")
    with app.app_context():
        diary = Diary(author_id=taro, title="長い", body="日記" * 2500, visibility="everyone")
        db.session.add(diary)
        db.session.flush()
        db.session.add_all([Comment(diary_id=diary.id, author_id=taro, body="あ" * 1000)
                            for _ in range(10)])
        db.session.commit()
        diary_id = diary.id
    for name in ("docomo-P903i", "docomo-D501i"):
        member = member_on(app, name, "taro@example.com")
        page = member.send_raw("GET", f"/diary/{diary_id}", query='x=\x01"<\x82\xa0')
        text = member.text(page)
        assert_fits_handset(member.handset, page, text)
        assert "pp=2" in text and "x=%01%22%3C%82%A0" in text
