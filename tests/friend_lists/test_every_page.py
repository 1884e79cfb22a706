"""Every friend-list page, on every kind of handset: served in the handset's charset and
markup, within its page limit, with トップ on key 0, and no error for the site checker."""
from __future__ import annotations

import pytest

from simulator.checker.run import check_response
from simulator.profiles import builtin_profiles
from simulator.transport import WsgiTransport
from tests.diary.browsing import check_page
from tests.friend_lists.conftest import befriend_at, choose_level
from tests.handsets import PAGE_PROFILES
from tests.security import oracle
from tests.social.conftest import access_key

#: the pages, with the ids of the fixture `lists`; each has トップ on key 0
PAGES = ["/members/{owner}/friends", "/members/{owner}/friends?page=2",
         "/members/{me}/friends", "/members/{owner}/common_friends",
         "/members/{owner}/common_friends?page=2", "/settings/friend_list"]
#: pages that changed: they keep their own footers
CHANGED = ["/members/{owner}", "/members/{me}", "/settings"]
SIMULATED = {profile.name: profile for profile in builtin_profiles()}


@pytest.fixture()
def lists(app, member):
    """わたし, and はなこ with 45 friends of the longest names, 25 of them shared with わたし,
    and けち who shows her list to nobody."""
    me, owner, hidden = member("わたし"), member("はなこ" * 6), member("けち")
    friends = [member(f"{n:02d}" + "な" * 18) for n in range(45)]
    befriend_at(app, owner, friends)
    befriend_at(app, me, friends[:25] + [hidden])
    choose_level(app, hidden, "only_me")
    return {"me": me, "owner": owner, "hidden": hidden}


def no_checker_errors(app, browser, path, response) -> None:
    """Assert the site checker finds no error on the response, as the handset got it."""
    findings = check_response(SIMULATED[browser.profile.name], "http://keitai.test" + path,
                              response.status_int, response.headerlist, response.body,
                              transport=WsgiTransport(app))
    errors = [f"{f.rule}: {f.message}" for f in findings if f.severity == "error"]
    assert errors == [], (path, errors)


@pytest.mark.parametrize("name", PAGE_PROFILES + ["docomo-D501i"])
def test_every_friend_list_page_fits_the_handset(app, lists, logged_in, name) -> None:
    browser = logged_in(name, lists["me"])
    for path in PAGES + CHANGED:
        url = path.format(**lists)
        response = browser.get(url)
        text = check_page(browser, response)
        no_checker_errors(app, browser, url, response)
        if path in PAGES:
            assert access_key(text, "0", "トップ"), path
    refused = browser.get(f"/members/{lists['hidden']}/friends", expect_errors=True)
    assert refused.status_int == 403
    oracle.check_page(browser.handset, refused)
    assert "けちさんのマイミク一覧は公開されていません。" in browser.text(refused)
