"""ミュージック設定 on a handset or a PC: issue the player's token (shown once, with how to
use it), re-issue it (the old one dies), revoke it, and choose who sees my plays."""
from __future__ import annotations

import re

import pytest

from keitai.db import db
from keitai.models import MusicSetting
from tests.friend_lists.test_every_page import no_checker_errors
from tests.handsets import page_forms
from tests.music.conftest import HANDSETS, play
from tests.social.conftest import access_key

TOKEN = re.compile(r"kst_[A-Za-z0-9_-]{32}")


def the_token(text: str) -> str:
    found = set(TOKEN.findall(text))
    assert len(found) == 1, found
    return found.pop()


def form_index(response, action: str) -> int:
    """Return the index of the page's form that posts to action."""
    return next(index for index, form in enumerate(page_forms(response))
                if form.action.split("?")[0] == action)


@pytest.mark.parametrize("name", HANDSETS)
def test_a_token_is_issued_shown_once_with_examples_and_works(app, member, logged_in, player,
                                                             name) -> None:
    me = member("わたし")
    browser = logged_in(name, me)
    settings = browser.get("/settings/music")
    text = browser.page("/settings/music")
    assert "トークン: 未発行" in text and access_key(text, "0", "トップ")
    no_checker_errors(app, browser, "/settings/music", settings)
    shown = browser.submit(settings, index=form_index(settings, "/settings/music/token"))
    page = browser.text(shown)
    token = the_token(page)
    assert "keitai-station --site" in page and "curl -H" in page and "/api/plays" in page
    assert access_key(page, "0", "トップ")
    no_checker_errors(app, browser, "/settings/music/token", shown)
    assert player.plays(play(), token).status_int == 201
    after = browser.page("/settings/music")
    assert "発行済み" in after and "kst_" not in after  # never shown again


def test_a_resent_issue_form_issues_no_second_token(app, member, logged_in, player) -> None:
    browser = logged_in("docomo-N505i", member("わたし"))
    settings = browser.get("/settings/music")
    index = form_index(settings, "/settings/music/token")
    token = the_token(browser.text(browser.submit(settings, index=index)))
    again = browser.submit(settings, index=index)
    assert again.status_int == 302
    assert "すでに発行しました" in browser.text(browser.get(again.headers["Location"]))
    assert player.plays(play(), token).status_int == 201  # the shown token still works


def test_reissuing_kills_the_old_token_and_revoking_kills_the_new(app, member, logged_in,
                                                                   player) -> None:
    browser = logged_in("au-W53CA", member("わたし"))
    first = browser.get("/settings/music")
    old = the_token(browser.text(browser.submit(
        first, index=form_index(first, "/settings/music/token"))))
    second = browser.get("/settings/music")
    assert "発行し直すと、今のトークンは使えなくなります。" in browser.text(second)
    new = the_token(browser.text(browser.submit(
        second, index=form_index(second, "/settings/music/token"))))
    assert new != old
    assert player.plays(play(minutes_ago=2), old).status_int == 401
    assert player.plays(play(minutes_ago=1), new).status_int == 201
    third = browser.get("/settings/music")
    done = browser.submit(third, index=form_index(third, "/settings/music/revoke"))
    assert "トークンを無効にしました。" in browser.text(browser.get(done.headers["Location"]))
    assert player.plays(play(minutes_ago=0.5), new).status_int == 401
    assert "トークン: 未発行" in browser.page("/settings/music")


@pytest.mark.parametrize("name", ["docomo-D501i", "softbank-J-SH51", "pc-Firefox"])
def test_the_visibility_of_my_plays_is_chosen_on_the_page(app, member, logged_in,
                                                          name) -> None:
    me = member("わたし")
    browser = logged_in(name, me)
    settings = browser.get("/settings/music")
    assert 'value="friends" selected="selected"' in browser.text(settings)
    done = browser.submit(settings, {"visibility": "everyone"},
                          index=form_index(settings, "/settings/music"))
    assert done.status_int == 302
    assert "「全体に公開」にしました" in browser.text(browser.get(done.headers["Location"]))
    with app.app_context():
        assert db.session.get(MusicSetting, me).visibility == "everyone"
    settings = browser.get("/settings/music")
    refused = browser.submit(settings, {"visibility": "secret"},
                             index=form_index(settings, "/settings/music"))
    assert "公開範囲を選んでください。" in browser.text(refused)
    with app.app_context():
        assert db.session.get(MusicSetting, me).visibility == "everyone"


def test_revoking_without_a_token_says_so(app, member, logged_in) -> None:
    browser = logged_in("pc-Firefox", member("わたし"))
    page = browser.get("/settings/music")
    form = page_forms(page)[0]
    response = browser.post("/settings/music/revoke",
                            {"csrf_token": form.fields["csrf_token"]})
    assert "トークンは発行されていません。" in browser.text(response)


def test_settings_forms_need_their_csrf_token(app, member, logged_in) -> None:
    me = member("わたし")
    browser = logged_in("pc-Firefox", me)
    for path in ("/settings/music/token", "/settings/music"):
        response = browser.post(path, {"visibility": "everyone"}, expect_errors=True)
        assert response.status_int == 400
    with app.app_context():
        assert db.session.get(MusicSetting, me) is None
