"""Key 0 leads to the top of the site, and is called トップ on every page that offers it.

The key is the key map's HOME (keitai.gateway.keymap), which templates write `keys.home`;
tests/keys checks it on every page a handset is sent."""
from __future__ import annotations

import re
from pathlib import Path

from keitai.gateway import keymap

TEMPLATES = Path(__file__).resolve().parent.parent / "templates_chtml"
#: a link on key 0 as the templates write it: m.link(url, "label", keys.home)
KEY_ZERO = re.compile(
    r'm\.(?:link|menu_item)\(([^()]*(?:\([^()]*\))?[^()]*), "([^"]*)", (?:keys\.home|"0")\)')


def test_every_template_labels_key_zero_top_and_sends_it_to_the_top_page() -> None:
    found = []
    for path in TEMPLATES.rglob("*.html"):
        for target, label in KEY_ZERO.findall(path.read_text(encoding="utf-8")):
            found.append(path.name)
            assert label == "トップ", path.name
            assert target.strip() == 'url_for("top.index")', path.name
    assert "base.html" in found and "profile.html" in found and len(found) > 30
    assert keymap.HOME == "0" and keymap.HOME_LABEL == "トップ"


def test_no_template_writes_a_reserved_key_but_through_the_key_map() -> None:
    """A reserved key written as a literal would escape the map (and its tests)."""
    literal = re.compile(r', "([0-9*#])"\)')  # the last argument of m.link, a menu line
    for path in TEMPLATES.rglob("*.html"):
        for line in path.read_text(encoding="utf-8").splitlines():
            for key in literal.findall(line):
                assert key not in keymap.RESERVED, f"{path.name}: {line}"
