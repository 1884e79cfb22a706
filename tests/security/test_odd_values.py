"""500s the fuzz test found in the features: a year past any calendar, a superscript width,
a next= address too long for the login page of a 5 KB handset."""
from __future__ import annotations

import io

import pytest
from PIL import Image
from sqlalchemy import select

from keitai.db import db
from keitai.features.profile.photo_service import store_photo
from keitai.models import Photo
from keitai.uow import unit_of_work
from tests.handsets import assert_fits_handset
from tests.security.browsing import member_on


def test_a_birth_year_beyond_any_calendar_is_refused_with_a_message(app, create_member,
                                                                    mailbox) -> None:
    create_member(email="taro@example.com")
    member = member_on(app, "pc-Firefox", "taro@example.com")
    member.submit(member.get("/invite"), {"email": "jiro@example.net", "knows": "yes"})
    link = mailbox.messages("jiro@example.net")[0].get_content()
    token = link.split("t=", 1)[1].split()[0]
    visitor = member_on(app, "pc-Firefox")
    page = visitor.get(f"/signup?t={token}")
    response = visitor.submit(page, {
        "nickname": "じろう", "real_name": "山田次郎", "birth_year": "2147483648",
        "birth_month": "4", "birth_day": "1", "password": "kaeru2007", "agree": "1"},
        expect_errors=True)
    assert response.status_int == 200
    assert "生年月日を正しく入力してください" in visitor.text(response)


def test_a_photo_variant_with_a_superscript_width_is_not_found(app, create_member) -> None:
    taro = create_member(email="taro@example.com")
    image = io.BytesIO()
    Image.new("RGB", (32, 24), (200, 80, 40)).save(image, "JPEG")
    with app.app_context(), unit_of_work():
        store_photo(taro, image.getvalue())
        key = db.session.scalar(select(Photo.key))
    owner = member_on(app, "pc-Firefox", "taro@example.com")  # one who may see the photo
    response = owner.get(f"/photos/{key}/jpeg-%C2%B2", expect_errors=True)
    assert response.status_int == 404


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_long_next_address_still_gives_a_login_page_that_fits(app, create_member,
                                                                method) -> None:
    create_member(email="taro@example.com")
    member = member_on(app, "docomo-D501i")
    if method == "GET":
        page = member.get("/login?next=" + "%26" * 650, expect_errors=True)
    else:
        page = member.send(member.get("/login"), {"email": "taro@example.com",
                                                  "password": "x", "next": "/" + "a" * 6000},
                           expect_errors=True)
    assert_fits_handset(member.handset, page, member.text(page))
