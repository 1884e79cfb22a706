"""The markup rules on single responses: how findings are grouped, what is never reported, and
how severity follows what the user loses."""
from __future__ import annotations

import pytest

from simulator.checker.findings import Finding
from simulator.checker.rules import REGISTRY
from simulator.checker.rules.markup_reading import other_selectors
from simulator.checker.run import check_response
from simulator.profiles import Profile
from tests.checker.site import PROFILES, chtml
from tests.checker.site.markup import XHTML, xhtml

HTML = "text/html; charset=Shift_JIS"
MARKUP_RULES = [each for name, each in REGISTRY.items() if name.startswith("markup.")]


def profile(name: str) -> Profile:
    """Return a built-in handset profile by name."""
    return next(p for p in PROFILES if p.name == name)


def check(name: str, body: bytes, content_type: str = HTML) -> list[Finding]:
    """Return the markup findings on one response, as one handset."""
    headers = [("Content-Type", content_type)] if content_type else []
    return check_response(profile(name), "http://site.test/page", 200, headers, body,
                          rules=MARKUP_RULES)


def test_an_element_is_reported_once_per_page_with_its_first_occurrence() -> None:
    body = chtml("<section>一</section><section id='two'>二</section><section>三</section>")
    (finding,) = check("docomo-N505i", body)
    assert finding.rule == "markup.element-ignored"
    assert "3 times" in finding.message and "i-mode HTML 5.0" in finding.message
    assert finding.excerpt.endswith("<section>")


def test_a_refresh_the_browser_ignores_loses_the_redirect_and_is_an_error() -> None:
    refresh = chtml("", head='<meta http-equiv="refresh" content="0;url=/next">')
    described = chtml("", head='<meta name="description" content="x">')
    assert [f.rule for f in check("docomo-D501i", refresh)] == ["markup.element"]
    assert [f.rule for f in check("docomo-D501i", described)] == ["markup.element-ignored"]
    assert check("docomo-N505i", refresh) == []


def test_namespaces_and_language_attributes_are_never_reported() -> None:
    page = xhtml("<div>本文</div>").replace(
        b"<html ", b'<html xml:lang="ja" lang="ja" xmlns:x="urn:x" ')
    for name in ("docomo-P903i", "softbank-930SH", "au-W53CA"):
        assert check(name, page, XHTML) == [], name
    assert check("docomo-D501i", chtml("").replace(b"<html>", b'<html lang="ja">')) == []


def test_an_unknown_element_is_info_and_its_attributes_are_not_reported() -> None:
    findings = check("docomo-N505i", chtml('<table border="1"><tr><td>1</td></tr></table>'))
    assert {f.rule for f in findings} == {"markup.element-unconfirmed"}
    assert {f.severity for f in findings} == {"info"}
    assert len(findings) == 3  # table, tr, td: one each


def test_a_link_that_is_not_a_style_sheet_is_an_element_not_css() -> None:
    page = chtml("", head='<link rel="alternate" href="/feed">')
    assert [f.rule for f in check("docomo-D501i", page)] == ["markup.element-ignored"]
    sheet = chtml("", head='<link rel="stylesheet" href="/s.css">')
    assert [f.rule for f in check("docomo-D501i", sheet)] == ["markup.css-ignored"]


def test_link_colours_in_style_are_read_by_i_mode_browser_1_0() -> None:
    links = xhtml("", head="<style type=\"text/css\"><![CDATA[ a:link{color:red} "
                           "a:visited, a:focus {color:blue} ]]></style>")
    assert check("docomo-P903i", links, XHTML) == []
    as_html = {f.rule: f for f in check("docomo-P903i", links)}  # read as i-mode HTML 7.0
    assert set(as_html) == {"markup.css-ignored", "markup.doctype"}
    assert "i-mode HTML 7.0" in as_html["markup.css-ignored"].message


def test_style_attributes_count_once_per_page() -> None:
    page = chtml('<div style="color:red">a</div><span style="color:blue">b</span>')
    findings = check("softbank-J-SH10", page)
    css = [f for f in findings if f.rule == "markup.css-ignored"]
    assert len(css) == 1 and "2 times" in css[0].message


def test_a_page_the_handset_does_not_show_gets_only_the_media_type_finding() -> None:
    page = xhtml('<div style="color:red"><section>x</section></div>')
    assert [f.rule for f in check("docomo-N505i", page, XHTML)] == ["markup.media-type"]


def test_full_browsers_are_not_held_to_keitai_markup() -> None:
    page = chtml('<section style="color:red"><video src="/v.mp4"></video></section>',
                 head='<link rel="stylesheet" href="/s.css">')
    for name in ("smartphone-iPhone", "pc-Firefox", "willcom-WX310SA"):
        assert check(name, page) == [], name
    assert check("pc-Firefox", page, content_type="") == []


@pytest.mark.parametrize(("css", "others"), [
    ("a:link { color: red }", []),
    ("A:Visited{color:red} a:focus{color:blue}", []),
    ("a:link, div.note { color: red }", ["div.note"]),
    ("/* a comment { } */ body { color: red } body {}", ["body"]),
    ("<![CDATA[ a:hover { color: red } ]]>", ["a:hover"]),
    ("<!-- p  >  span { color: red } -->", ["p > span"]),
])
def test_other_selectors_are_what_i_mode_browser_1_0_drops(css: str, others: list[str]) -> None:
    assert other_selectors(css) == others


def test_every_markup_rule_explains_itself() -> None:
    assert {each.id for each in MARKUP_RULES} >= {
        "markup.media-type", "markup.doctype", "markup.not-well-formed", "markup.element",
        "markup.element-unconfirmed", "markup.attribute", "markup.attribute-unconfirmed",
        "markup.css-ignored"}
    for each in MARKUP_RULES:
        assert each.title and each.why and each.fix, each.id
        if each.id.endswith("-unconfirmed"):
            assert each.severity == "info", each.id
