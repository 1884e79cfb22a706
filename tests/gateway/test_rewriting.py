"""The link rewriter reads tags as a browser does: every quoting, any case, any whitespace.

Each result is read back with html5lib, which tokenizes as the HTML standard says, so what is
asserted is what a browser would follow or send.
"""
from __future__ import annotations

import html
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element

import html5lib  # type: ignore[import-untyped]
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from keitai.gateway.links import LinkPlan, has_own_post_form, link_tags, rewrite_html
from keitai.gateway.tags import attributes, find_tags

HOST = "keitai.test"
TOKEN = "T0k-en_"
GET_FIELDS = ('<input type="hidden" name="guid" value="ON" />'
              f'<input type="hidden" name="ksid" value="{TOKEN}" />')
POST_FIELDS = '<input type="hidden" name="csrf_token" value="C&amp;S&lt;RF" />'
PLAN = LinkPlan(host=HOST, link_query=f"guid=ON&amp;ksid={TOKEN}", post_action_query="guid=ON",
                get_fields=GET_FIELDS, post_fields=lambda: POST_FIELDS)
OWN_QUERY = f"guid=ON&ksid={TOKEN}"


def parsed(page: str) -> Element:
    """Parse a page as a browser does."""
    tree: Element = html5lib.parse(page, namespaceHTMLElements=False)
    return tree


def hrefs(page: str) -> list[str]:
    """Return the href of every link a browser finds in the page, as it reads them."""
    return [a.get("href", "") for a in parsed(page).iter("a")]


def forms(page: str) -> list[tuple[str | None, str, dict[str, str]]]:
    """Return each form a browser finds: action, method and the hidden fields it sends."""
    return [(form.get("action"), (form.get("method") or "get").lower(),
             {field.get("name", ""): field.get("value", "") for field in form.iter("input")
              if field.get("type") == "hidden"})
            for form in parsed(page).iter("form")]


@pytest.mark.parametrize("markup", [
    '<a href="/friends">x</a>', "<a href='/friends'>x</a>", "<a href=/friends>x</a>",
    '<A HREF="/friends">x</A>', "<a\n  class='c'\n  href\n  =\n  '/friends'\n>x</a>",
    '<a\thref = "/friends" accesskey="1">x</a>', "<a title=it's href=/friends>x</a>",
    '<a href="/friends"title="t">x</a>', "<a/href=/friends>x</a>",
])
def test_an_own_link_carries_the_session_whatever_its_quoting(markup: str) -> None:
    assert hrefs(rewrite_html(markup, PLAN)) == [f"/friends?{OWN_QUERY}"]


def test_an_absolute_link_to_our_own_host_carries_the_session() -> None:
    page = rewrite_html("<a href='HTTP://KEITAI.TEST/friends'>x</a>", PLAN)
    assert hrefs(page) == [f"HTTP://KEITAI.TEST/friends?{OWN_QUERY}"]


def test_a_query_fragment_and_entities_are_kept_and_the_parameters_go_before_the_fragment(
        ) -> None:
    page = rewrite_html("<a href='/friends?page=2&amp;sort=new#top'>x</a>", PLAN)
    assert hrefs(page) == [f"/friends?page=2&sort=new&{OWN_QUERY}#top"]


def test_a_value_with_a_quote_in_it_is_written_back_escaped() -> None:
    page = rewrite_html("<a href='/search?q=\"x\"' title='a \"b\"'>x</a>", PLAN)
    assert hrefs(page) == [f'/search?q="x"&{OWN_QUERY}']
    assert "title='a \"b\"'" in page  # an attribute the rewriter does not own stays as it was


OFF_SITE = ["http://evil.example/", "HTTP://EVIL.EXAMPLE/", "//evil.example/",
            "/\\evil.example/", "\\\\evil.example/", "&#104;ttp://evil.example/",
            "http&colon;//evil.example/", "https://keitai.test@evil.example/",
            "ftp://evil.example/"]
#: an unquoted value ends at a space, so these are written in quotes only
OFF_SITE_QUOTED = [" http://evil.example/", "ht\ntp://evil.example/", "\t//evil.example/"]


@pytest.mark.parametrize(("url", "quote"), [(url, quote) for url in OFF_SITE
                                             for quote in ('"', "'", "")]
                         + [(url, quote) for url in OFF_SITE_QUOTED for quote in ('"', "'")])
def test_an_off_site_link_in_any_spelling_goes_through_the_exit_page(url: str,
                                                                     quote: str) -> None:
    page = rewrite_html(f"<a href={quote}{url}{quote}>x</a>", PLAN)
    (href,) = hrefs(page)
    assert href.startswith("/exit?url=")
    assert TOKEN not in page


@pytest.mark.parametrize("markup", [
    '<a href="#top">x</a>', "<a href='mailto:a@example.jp'>x</a>", "<a href=tel:0312345678>x</a>",
    '<a href="MAILTO:a@example.jp">x</a>', "<a href=' tel:0312345678'>x</a>",
    '<a href="javascript:void(0)">x</a>', '<a href="/exit?url=http%3A%2F%2Fx.example%2F">x</a>',
    "<a href=/./exit?url=x>x</a>", '<a name="top">x</a>', '<a href="">x</a>', "<a href>x</a>",
])
def test_fragments_mail_phone_script_and_exit_links_are_left_exactly_as_written(
        markup: str) -> None:
    assert rewrite_html(markup, PLAN) == markup


@pytest.mark.parametrize("markup", [
    '<form action="/diary/new" method="post">', "<form action='/diary/new' method='post'>",
    "<form action=/diary/new method=post>", "<FORM ACTION=/diary/new METHOD=POST>",
    "<form\n action='/diary/new'\n Method=Post\n>", '<form method="post" action="/diary/new">',
])
def test_a_post_form_carries_the_csrf_field_and_guid_in_its_action(markup: str) -> None:
    page = rewrite_html(markup + '<input type="text" name="body" /></form>', PLAN)
    assert forms(page) == [("/diary/new?guid=ON", "post", {"csrf_token": "C&S<RF"})]


def test_a_post_form_without_an_action_posts_to_itself_with_the_csrf_field() -> None:
    page = rewrite_html("<form method=post><input name=body></form>", PLAN)
    assert forms(page) == [(None, "post", {"csrf_token": "C&S<RF"})]
    assert has_own_post_form(page, link_tags(page), HOST)


@pytest.mark.parametrize("markup", [
    "<form action=/search>", "<form action='/search' method='get'>", "<FORM ACTION=/search>",
    '<form action="/search" method="dialog">', "<form action=/search method=' post'>",
])
def test_a_get_form_carries_the_session_in_hidden_fields(markup: str) -> None:
    page = rewrite_html(markup + "<input name=q></form>", PLAN)
    ((action, _method, fields),) = forms(page)
    assert action == "/search" and fields == {"guid": "ON", "ksid": TOKEN}
    assert not has_own_post_form(page, link_tags(page), HOST)


@pytest.mark.parametrize("markup", [
    "<form action='http://evil.example/' method='post'>", "<form action=//evil.example/>",
    '<form action="/exit" method="get">', "<form action='/%65xit'>",
])
def test_a_form_that_leaves_the_site_gets_neither_session_nor_csrf(markup: str) -> None:
    page = markup + "<input name=q></form>"
    assert rewrite_html(page, PLAN) == page
    assert not has_own_post_form(page, link_tags(page), HOST)


@pytest.mark.parametrize("page", [
    '<!-- <a href="http://evil.example/">x</a> <form method="post"> -->',
    "<script>document.write('<a href=\"/friends\">x</a>');</script>",
    "<SCRIPT type='text/javascript'>var s = \"<form method=post>\";</script >",
    "<style>a[href='/x'] { color: red }</style>", "<title><a href=/friends></title>",
    "<textarea name=body><a href=\"http://evil.example/\">x</a></textarea>",
    "<div title='<a href=\"/friends\">'>x</div>", '<img alt="<form method=post>" src="/p.jpg" />',
    "日記 <a と b> は <abbr title=x>略</abbr>", "<p>1 < 2 and 3 > 2</p>", "<!---->", "<!-->",
    '<a href="/friends', "<a href='/friends>x</a>",
])
def test_text_comments_scripts_and_other_attributes_are_left_byte_for_byte(page: str) -> None:
    assert rewrite_html(page, PLAN) == page


def test_inside_svg_a_style_element_holds_markup_so_its_links_are_rewritten() -> None:
    page = rewrite_html("<style><a href=http://evil.example/></style><svg><style>"
                        "<a href='http://evil.example/'>x</a></style></svg>", PLAN)
    assert page.startswith("<style><a href=http://evil.example/></style>")
    assert 'href="/exit?url=http%3A%2F%2Fevil.example%2F"' in page


def test_every_href_of_a_link_written_twice_is_rewritten() -> None:
    page = rewrite_html("<a href='/friends' HREF='http://evil.example/'>x</a>", PLAN)
    assert hrefs(page) == [f"/friends?{OWN_QUERY}"]
    assert "/exit?url=http%3A%2F%2Fevil.example%2F" in page


def test_an_area_of_an_image_map_is_a_link_too() -> None:
    page = rewrite_html("<map name=m><area href=/friends shape=rect coords=0,0,9,9></map>", PLAN)
    area = next(parsed(page).iter("area"))
    assert area.get("href") == f"/friends?{OWN_QUERY}"


def test_rewriting_twice_adds_nothing_the_second_time() -> None:
    page = ("<a href='/friends'>x</a><a href=http://evil.example/>y</a>"
            "<form method=post action=/diary/new><input name=b></form>"
            "<form action=/search><input name=q></form>")
    once = rewrite_html(page, PLAN)
    assert rewrite_html(once, PLAN) == once


def test_a_link_that_already_carries_a_parameter_does_not_get_it_twice() -> None:
    page = rewrite_html('<a href="/settings/easy_login?guid=ON">x</a>', PLAN)
    assert hrefs(page) == [f"/settings/easy_login?guid=ON&ksid={TOKEN}"]


def test_the_exit_page_may_link_to_its_one_external_address() -> None:
    plan = LinkPlan(host=HOST, link_query=f"ksid={TOKEN}", post_action_query="",
                    get_fields="", post_fields=lambda: "", external_ok="http://x.example/?a=1&b=2")
    page = ("<a href='http://x.example/?a=1&amp;b=2'>go</a>"
            "<a href='http://y.example/'>other</a>")
    assert hrefs(rewrite_html(page, plan)) == [
        "http://x.example/?a=1&b=2", "/exit?url=http%3A%2F%2Fy.example%2F"]


# --- the tokenizer against html5lib on tag soup ------------------------------------------------

def as_a_browser_reads(url: str) -> str:
    """Return a URL as a browser reads it: ends trimmed, tabs and newlines gone, \\ as /."""
    return url.strip("\x00 \t\n\r\f").replace("\t", "").replace("\n", "").replace(
        "\r", "").replace("\\", "/")


def stays_on_site(url: str) -> bool:
    """Tell whether a browser on one of our pages would open a page of ours (urllib's view)."""
    parts = urlsplit(url)
    if parts.scheme or url.startswith("//"):
        return parts.scheme in ("http", "https", "") and parts.netloc.lower() == HOST
    return True

PIECES = ["<a href=", "<a title=", "<A HREF=", "<form method=post action=", "<form action=",
          "'", '"', "/friends", "http://evil.example/", "//evil.example/", " ", "\n", ">", "=",
          "/", "<!--", "-->", "<script>", "</script>", "<div title=", "</a>", "</form>", "x",
          "<textarea>", "</textarea>", "&amp;", "#top", "?a=1", "<br />", "<", "it's"]


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(st.lists(st.sampled_from(PIECES), max_size=24))
def test_no_link_a_browser_finds_in_tag_soup_escapes_the_rewriter(pieces: list[str]) -> None:
    page = rewrite_html("".join(pieces), PLAN)
    for href in hrefs(page):
        url = as_a_browser_reads(href)
        if not url or url.startswith("#"):
            continue
        if stays_on_site(url):
            assert OWN_QUERY in url or url.startswith("/exit?"), page
        else:
            pytest.fail(f"{href!r} leaves the site without the exit page: {page!r}")
    for action, method, fields in forms(page):
        target = as_a_browser_reads(action or "")
        # an action whose first segment looks like a scheme ("=http:") is taken for another
        # site's, so it gets no CSRF secret: safe, if unhelpful
        if method == "post" and stays_on_site(target) and ":" not in target.split("/")[0]:
            assert "csrf_token" in fields, page


@pytest.mark.parametrize("page", [
    "<a href='/a'><A HREF=\"/b\"><a\nhref\n=\n/c>", "<div title='>'><a href=/d></div>",
    "<!-- <a href=/x> --><a href=/e>", "<a =x href=/f>", "<a href=/g/>",
    "<script></script ><a href=/h>", "<p><a href='/i?a=1&amp;b=2'>",
])
def test_the_tokenizer_finds_the_links_html5lib_finds(page: str) -> None:
    found = [html.unescape(attributes(page, tag)["href"][0][0])
             for tag in find_tags(page) if tag.name == "a"]
    assert found == hrefs(page)
