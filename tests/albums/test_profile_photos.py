"""Three profile photos: the settings page on every handset, the main one shown everywhere."""
from __future__ import annotations

import pytest

from tests.handsets import PAGE_PROFILES, main_part
from tests.social.photos import camera_jpeg, photo_address, upload


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_the_photo_page_with_three_photos_fits_every_handset(app, member, logged_in,
                                                             name) -> None:
    owner = member("はなこ")
    pc = logged_in("pc-Firefox", owner)
    for _time in range(3):
        upload(pc, camera_jpeg(300, 300, orientation=1))
    browser = logged_in(name, owner)
    response = browser.get("/settings/photo")
    text = browser.page("/settings/photo")
    assert text.count("メインにする") == 2 and "(メイン)" in text
    assert "どれかを削除してください" in text and 'type="file"' not in text
    images = [address for address in (photo_address(part)
                                      for part in main_part(text).split("<div>"))
              if address]
    assert len(images) == 3
    for url in images:
        assert url.split("?")[0].rsplit(".", 1)[1] in ("jpg", "gif", "png")
    total = len(response.body) + sum(len(browser.get(url).body) for url in images
                                     if f'src="{url}' in text.replace("&amp;", "&"))
    limit = browser.handset.page_limit_bytes
    if limit is not None and "<img" in text:
        from carriers.markup_support import support_for

        support = support_for(browser.handset)
        budget = support.image_limit_bytes if support.counts_images else limit
        assert total <= budget
