"""/invite lists the invitations I sent, newest first, a handset's page at a time: the address,
when it went, and what became of it, with 再送 and 取消 where they still make sense."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest

from keitai.models.base import utcnow
from simulator.checker.run import check_response
from simulator.profiles import builtin_profiles
from simulator.transport import WsgiTransport
from tests.handsets import PAGE_PROFILES
from tests.invitations.conftest import add_invitation
from tests.social.conftest import access_key

SIMULATED = {profile.name: profile for profile in builtin_profiles()}
#: the handsets the list is read on: cookie-less docomo (the session in every URL) old and
#: new, au, SoftBank 3G and J-PHONE, and a PC
HANDSETS = ["docomo-N505i", "docomo-D501i", "docomo-P903i", "au-W53CA", "softbank-930SH",
            "softbank-J-SH51", "pc-Firefox"]


def no_checker_errors(app, browser, path: str, response) -> None:
    """Assert the site checker finds no error on the page as the handset got it."""
    findings = check_response(SIMULATED[browser.profile.name], "http://keitai.test" + path,
                              response.status_int, response.headerlist, response.body,
                              transport=WsgiTransport(app))
    errors = [f"{f.rule}: {f.message}" for f in findings if f.severity == "error"]
    assert errors == [], (path, errors)


@pytest.fixture()
def three(app, create_member):
    """はなこ, who invited one address that joined (as じろう), one that did not yet, one whose
    link ran out, and one she cancelled."""
    hanako = create_member(email="hanako@example.com", nickname="はなこ")
    jiro = create_member(email="jiro@docomo.ne.jp", nickname="じろう")
    now = utcnow()
    add_invitation(app, hanako, "jiro@docomo.ne.jp", created=now - timedelta(days=3),
                   joined_by=jiro)
    add_invitation(app, hanako, "old@ezweb.ne.jp", created=now - timedelta(days=9))
    add_invitation(app, hanako, "gone@softbank.ne.jp", created=now - timedelta(days=1),
                   cancelled=True)
    add_invitation(app, hanako, "saburo@example.net", created=now - timedelta(hours=1))
    return {"hanako": hanako, "jiro": jiro}


@pytest.mark.parametrize("name", HANDSETS)
def test_the_list_shows_each_state_newest_first(app, three, logged_in, name) -> None:
    browser = logged_in(name, three["hanako"])
    response = browser.get("/invite")
    text = browser.page("/invite")
    no_checker_errors(app, browser, "/invite", response)
    listed = text.split("招待した人", 1)[1]
    assert re.findall(r"[a-z]+@[a-z.]+", listed) == [
        "saburo@example.net", "jiro@docomo.ne.jp", "old@ezweb.ne.jp"]  # the cancelled: gone
    saburo, jiro, old = re.split(r"saburo@|jiro@|old@", listed)[1:]
    assert "未登録" in saburo and "期限切れ" in old and "登録済み" in jiro
    assert "再送" in saburo and "取消" in saburo and "再送" in old and "取消" in old
    assert "再送" not in jiro and "取消" not in jiro
    assert re.search(rf'<a href="/members/{three["jiro"]}[?"][^>]*>じろう</a>さん', jiro)
    assert access_key(text, "0", "トップ")
    if not browser.handset.cookies:  # the session rides in every link and form
        assert re.search(r'href="/invite/\d+/cancel\?[^"]*ksid=', text)
        assert 'name="ksid"' in text or re.search(r'action="/invite/\d+/resend\?[^"]*ksid=',
                                                  text)


@pytest.mark.parametrize("name", ["docomo-N505i", "docomo-D501i", "au-W53CA", "softbank-930SH",
                                  "softbank-J-SH51", "pc-Firefox"])
def test_a_long_list_goes_a_page_at_a_time_with_keys_4_and_6(app, create_member, logged_in,
                                                             name) -> None:
    hanako = create_member(email="hanako@example.com", nickname="はなこ")
    start = utcnow() - timedelta(hours=30)
    for n in range(25):
        add_invitation(app, hanako, f"friend{n:02d}@docomo.ne.jp",
                       created=start + timedelta(hours=n))
    browser = logged_in(name, hanako)
    first = browser.whole("/invite")  # in parts of a comfortable size on a handset
    shown = re.findall(r"friend(\d\d)@", first)
    limit = browser.handset.page_limit_bytes
    per_page = 10 if limit is not None and limit <= 12 * 1024 else 20
    assert shown == [f"{n:02d}" for n in range(24, 24 - per_page, -1)]
    assert access_key(first, "6", "次へ") and not access_key(first, "4", "前へ")
    second = browser.whole("/invite?page=2")
    assert re.findall(r"friend(\d\d)@", second)[0] == f"{24 - per_page:02d}"
    assert access_key(second, "4", "前へ")
    assert 'name="email"' not in second  # the form is on the first page only
    assert access_key(second, "0", "トップ")


def test_a_member_who_invited_nobody_is_told_so(app, create_member, logged_in) -> None:
    browser = logged_in("docomo-P903i", create_member(email="hanako@example.com"))
    assert "まだ誰も招待していません" in browser.page("/invite")


@pytest.mark.parametrize("name", PAGE_PROFILES + ["docomo-D501i"])
def test_the_cancel_confirmation_fits_every_handset(app, three, logged_in, name) -> None:
    browser = logged_in(name, three["hanako"])
    invite_page = browser.get("/invite")
    cancel = re.search(r'href="(/invite/\d+/cancel)[?"]', browser.text(invite_page)).group(1)
    response = browser.get(cancel)
    text = browser.page(cancel)
    no_checker_errors(app, browser, cancel, response)
    assert "saburo@example.net への招待を取り消しますか" in text
    assert access_key(text, "0", "トップ") and access_key(text, "9", "友人を招待")
