"""500s the fuzz test found whose fix belongs to code this change does not own.

Each is a strict expected failure: when the owner's fix lands, the test passes, pytest
reports it as XPASS(strict) and fails, and the marker is to be removed.
"""
from __future__ import annotations

import io

import pytest
from PIL import Image
from sqlalchemy import select

from keitai.db import db
from keitai.features.profile.photo_service import store_photo
from keitai.models import Photo
from tests.handsets import assert_fits_handset
from tests.security.browsing import member_on


@pytest.mark.xfail(strict=True, reason=(
    "keitai/features/signup/profile.py check_birth_date catches ValueError but "
    "date(2147483648, 4, 1) raises OverflowError: catch (ValueError, OverflowError)"))
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


@pytest.mark.xfail(strict=True, reason=(
    "keitai/features/profile/images.py parse_variant: width.isdigit() is True for '²', "
    "which int() refuses: test width.isascii() and width.isdigit()"))
def test_a_photo_variant_with_a_superscript_width_is_not_found(app, create_member) -> None:
    taro = create_member(email="taro@example.com")
    image = io.BytesIO()
    Image.new("RGB", (32, 24), (200, 80, 40)).save(image, "JPEG")
    with app.app_context():
        store_photo(taro, image.getvalue())
        key = db.session.scalar(select(Photo.key))
    owner = member_on(app, "pc-Firefox", "taro@example.com")  # one who may see the photo
    response = owner.get(f"/photos/{key}/jpeg-%C2%B2", expect_errors=True)
    assert response.status_int == 404


@pytest.mark.xfail(strict=True, reason=(
    "keitai/features/login/views.py shows next= as sent in a hidden field: a long one "
    "(here 680 '&', 3400 bytes once escaped) leaves a login page no 5 KB handset page can "
    "hold, and finish_response answers 500. Pass next through safe_next and drop it when "
    "longer than 512 characters (keitai/auth.py: member_required likewise)"))
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_long_next_address_still_gives_a_login_page_that_fits(app, create_member,
                                                                method) -> None:
    create_member(email="taro@example.com")
    member = member_on(app, "docomo-D501i")
    if method == "GET":
        page = member.get("/login?next=" + "%26" * 680, expect_errors=True)
    else:
        page = member.send(member.get("/login"), {"email": "taro@example.com",
                                                  "password": "x", "next": "/" + "a" * 6000},
                           expect_errors=True)
    assert_fits_handset(member.handset, page, member.text(page))
