"""The demo's お知らせ: `keitai demo` seeds announcements and a welcome, so home shows the
area with something read and something new."""
from __future__ import annotations

from keitai.seed.announcements import ANNOUNCEMENTS, WELCOME
from tests.announcements.conftest import home_section, plain
from tests.seed.demo import seed_demo


def test_the_demo_home_shows_its_announcements_and_a_welcome(app, logged_in) -> None:
    showcase = seed_demo(app)  # as `keitai demo` seeds it
    (_days, older, _body), (_days2, newer, _body2) = ANNOUNCEMENTS
    for index, name in enumerate(["docomo-D501i", "au-C5001T", "softbank-930SH", "pc-Firefox"]):
        area = plain(home_section(logged_in(name, showcase.logins[index % 2]).page("/")))
        lines = {title: next(line for line in area.split("\n") if title in line)
                 for title in (newer, older)}
        assert area.index(newer) < area.index(older)
        assert "NEW" in lines[newer]
        assert ("NEW" in lines[older]) == (index % 2 == 1)  # the first login read it
        assert WELCOME[:10] in area
