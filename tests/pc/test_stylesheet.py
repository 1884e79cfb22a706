"""The stylesheet of PC and smartphone pages: linked from html5 pages only, served by the app
with a versioned address that browsers may keep for a year, untouched by the gateway."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask

from keitai import stylesheet
from tests.handsets import client_for

#: the stylesheet link of an html5 page
_LINK = re.compile(r'<link rel="stylesheet" href="(/static/keitai\.css\?v=([0-9a-f]+))" />')


@pytest.mark.parametrize("name", ["pc-Firefox", "smartphone-iPhone", "smartphone-Android"])
def test_a_pc_or_smartphone_page_is_japanese_and_links_the_stylesheet(app: Flask,
                                                                       name: str) -> None:
    text = client_for(app, name).get("/").text
    assert '<html lang="ja">' in text
    found = _LINK.search(text)
    assert found is not None
    with app.app_context():
        assert found.group(2) == stylesheet.version_of(stylesheet.FILE.read_bytes())


@pytest.mark.parametrize("name", ["docomo-N505i", "docomo-P903i", "au-W53CA", "softbank-930SH",
                                  "willcom-WX310SA"])
def test_a_handset_page_links_no_stylesheet(app: Flask, name: str) -> None:
    page = client_for(app, name).get("/")
    assert b"stylesheet" not in page.body and b"k-layout" not in page.body


def test_the_stylesheet_is_css_kept_a_year_without_cookie_or_vary(app: Flask) -> None:
    browser = client_for(app, "pc-Firefox")
    href = _LINK.search(browser.get("/").text).group(1)  # type: ignore[union-attr]
    response = browser.get(href)
    assert response.status_int == 200
    assert response.headers["Content-Type"] == "text/css; charset=utf-8"
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "Set-Cookie" not in response.headers and "Vary" not in response.headers
    assert response.body == stylesheet.FILE.read_bytes()
    assert b".k-tabbar" in response.body and b"@media (min-width: 60em)" in response.body


def test_the_stylesheet_is_the_same_for_a_handset_and_answers_a_revalidation(app: Flask) -> None:
    href = _LINK.search(client_for(app, "pc-Firefox").get("/").text).group(1)  # type: ignore[union-attr]
    sent = client_for(app, "docomo-N505i").get(href)
    assert sent.body == stylesheet.FILE.read_bytes()
    again = client_for(app, "pc-Firefox").get(href, headers={"If-None-Match": sent.etag},
                                              status=304)
    assert again.body == b""


def test_an_old_version_gets_the_current_stylesheet_kept_only_briefly(app: Flask) -> None:
    response = client_for(app, "pc-Firefox").get("/static/keitai.css?v=000000000000")
    assert response.body == stylesheet.FILE.read_bytes()
    assert response.headers["Cache-Control"] == "public, max-age=300"


def test_the_address_changes_when_the_content_does(tmp_path: Path) -> None:
    sheet = tmp_path / "keitai.css"
    sheet.write_text("body { color: #222; }\n")
    before = stylesheet.load(sheet)
    sheet.write_text("body { color: #333; }\n")
    after = stylesheet.load(sheet)
    assert before.version != after.version
    assert len(after.version) == stylesheet.VERSION_DIGITS
    sheet.write_text("body { color: #222; }\n")
    assert stylesheet.load(sheet).version == before.version


def test_the_stylesheet_asks_for_nothing_outside_the_site() -> None:
    css = stylesheet.FILE.read_text()
    assert "@import" not in css and "url(" not in css and "http" not in css
    assert "sans-serif" in css and "overflow-wrap: anywhere" in css


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(one: str, two: str) -> float:
    high, low = sorted((_luminance(one), _luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_text_colours_meet_wcag_aa_and_the_site_colour_is_not_one_of_them() -> None:
    css = stylesheet.FILE.read_text()
    colours = dict(re.findall(r"(--k-[a-z-]+): (#[0-9a-f]{6});", css))
    assert colours["--k-brand"] == "#ff6600"
    assert _contrast("#ffffff", colours["--k-brand"]) < 4.5  # why it only draws lines
    for text, ground in (("#ffffff", "--k-brand-dark"), ("--k-brand-text", "--k-card"),
                         ("--k-brand-text", "--k-bg"), ("--k-fg", "--k-bg"),
                         ("--k-link", "--k-card"), ("--k-link", "--k-bg"),
                         ("--k-link-visited", "--k-card"), ("--k-muted", "--k-card")):
        one, two = colours.get(text, text), colours.get(ground, ground)
        assert _contrast(one, two) >= 4.5, (text, ground)
