"""The demo's 外部ブログ: はなこ's blog with five imported entries, on her settings page, her
diary list, and her friends' lists and home, on every kind of handset, checker-clean."""
from __future__ import annotations

import pytest

from keitai.db import db
from keitai.seed.blog import ENTRIES, SITE_TITLE, add_demo_blog
from tests.blog.conftest import HANDSETS, first_diary, plain
from tests.friend_lists.test_every_page import no_checker_errors
from tests.seed.demo import seed_demo


@pytest.mark.parametrize("name", HANDSETS)
def test_the_demo_blog_shows_its_entries_marked_everywhere(app, logged_in, name) -> None:
    showcase = seed_demo(app)  # as `keitai demo` seeds it
    with app.app_context():
        add_demo_blog(showcase.logins)
        db.session.commit()
    hanako, friend = showcase.logins[1], showcase.logins[0]
    owner = logged_in(name, hanako)
    settings = plain(owner.page("/settings/blog"))
    assert SITE_TITLE in settings and f"取り込んだ記事: {len(ENTRIES)}件" in settings
    listing = owner.page(f"/members/{hanako}/diary")
    newest = ENTRIES[0][1]
    assert "[外部ブログ]" in next(line for line in plain(listing).split("\n") if newest in line)
    diary = f"/diary/{first_diary(listing)}"
    other = logged_in(name, friend)
    for browser, path in ((owner, "/settings/blog"), (owner, f"/members/{hanako}/diary"),
                          (owner, diary), (other, diary), (other, "/diary/friends"),
                          (other, "/")):
        text = browser.page(path)
        no_checker_errors(app, browser, path, browser.get(path))
        if path in ("/diary/friends", "/"):
            assert "[外部ブログ]" in next(line for line in plain(text).split("\n")
                                        if newest in line), path
