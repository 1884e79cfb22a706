"""Key 0 leads to the top of the site, and is called トップ on every page that offers it."""
from __future__ import annotations

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent.parent / "templates_chtml"
#: a link on key 0 as the templates write it: m.link(url, "label", "0")
KEY_ZERO = re.compile(r'm\.(?:link|menu_item)\(([^()]*(?:\([^()]*\))?[^()]*), "([^"]*)", "0"\)')


def test_every_template_labels_key_zero_top_and_sends_it_to_the_top_page() -> None:
    found = []
    for path in TEMPLATES.rglob("*.html"):
        for target, label in KEY_ZERO.findall(path.read_text(encoding="utf-8")):
            found.append(path.name)
            assert label == "トップ", path.name
            assert target.strip() == 'url_for("top.index")', path.name
    assert "base.html" in found and "profile.html" in found and len(found) > 30
