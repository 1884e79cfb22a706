"""The profile, by following the pages: the introduction edited, a photo sent and shown."""
from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from tests.journeys.browser import COOKIELESS, WITH_COOKIES, JourneyFactory, MemberFactory


def jpeg() -> bytes:
    """Return a small JPEG, as a handset's camera would send one."""
    out = io.BytesIO()
    Image.new("RGB", (120, 160), (200, 120, 40)).save(out, "JPEG")
    return out.getvalue()


@pytest.mark.parametrize("profile", [COOKIELESS[0], WITH_COOKIES[0]])
def test_a_member_edits_the_introduction_and_sees_it_on_the_profile(
        member: MemberFactory, journey: JourneyFactory, profile: str) -> None:
    member("たろう", "taro@example.com")
    taro = journey(profile).log_in("taro@example.com")
    taro.click("プロフィール")
    taro.click("自己紹介を編集")
    taro.submit("変更する", {"nickname": "たろ吉", "introduction": "カエルが好きです。"})
    taro.go_home()
    taro.click("プロフィール")
    assert taro.sees("たろ吉さん") and taro.sees("カエルが好きです。")
    taro.assert_still_logged_in("たろ吉")


@pytest.mark.parametrize("profile", ["docomo-N06A", "softbank-930SH", "smartphone-iPhone"])
def test_a_member_sends_a_photo_from_the_photo_page_and_the_profile_shows_it(
        member: MemberFactory, journey: JourneyFactory, profile: str) -> None:
    member("たろう", "taro@example.com")
    taro = journey(profile).log_in("taro@example.com")
    taro.click("プロフィール")
    assert not taro.sees("写真を見る") and "<img" not in taro.text
    taro.click("写真")
    taro.submit("送信", files={"photo": ("kaeru.jpg", jpeg())})
    taro.go_home()
    taro.click("プロフィール")
    shown = re.search(r'<img src="([^"]+)"', taro.text)
    links = [link.href for link in taro.links() if "写真を見る" in link.text]
    assert shown or links, taro.text
    photo = taro.fetch(shown.group(1) if shown else links[0])
    if links:  # a handset that cannot show it inline opens a page with the photo on it
        assert photo.status_int == 200 and b"<img" in photo.body
        found = re.search(rb'<img src="([^"]+)"', photo.body)
        assert found is not None
        photo = taro.fetch(found.group(1).decode("ascii"))
    assert photo.status_int == 200 and photo.content_type.startswith("image/")
    taro.assert_still_logged_in("たろう")
