"""Forms on PCs and smartphones (the html5 family): every field has a label bound to it, ids
are unique, and each field asks for the keyboard and autofill it needs.

The seeded demo is crawled as a PC and as a smartphone, logged out and then logged in, and
every page is parsed: every field a member fills in (an input that is not hidden or a
button, a select, a textarea) has a non-empty label, by `for` or around it; no id is used
twice; an address field is type="email", a password field says which password it is, a
field of numbers opens the number keys. Handsets get the bytes they always had
(tests/handset_bytes); the macros' handset branch is checked here too, call by call.
"""
from __future__ import annotations

import re
import shutil
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import lxml.etree  # type: ignore[import-untyped]
import lxml.html  # type: ignore[import-untyped]
import pytest
from flask import Flask, g
from webtest import TestResponse  # type: ignore[import-untyped]

import carriers
from keitai.seed.showcase_texts import login_emails
from tests.gateway.crawl import Crawler, Page
from tests.gateway.test_every_page_keeps_the_session import ANONYMOUS, log_in
from tests.handset_bytes.pages import dispose, make_app, seeded_demo, standing_clock
from tests.handsets import PROFILES, HandsetClient, page_text

#: the browsers whose pages are read: a PC and a smartphone
BROWSERS = ["pc-Firefox", "smartphone-iPhone"]
#: input types nobody types or picks a value in
_NOT_FIELDS = frozenset(("hidden", "submit", "button", "image", "reset"))
#: fields of digits only (the date parts of every date form, ages, counts, codes)
_NUMERIC = re.compile(r"(?:^|_)(?:year|month|day|hour|minute)$|^(?:age_min|age_max|capacity"
                      r"|code|number)$")
#: an address field's name, and what it may be filled with
_EMAIL_NAMES = frozenset(("email", "mobile_email"))
_EMAIL_AUTOFILL = frozenset(("username", "email", "off"))
_PASSWORD_AUTOFILL = frozenset(("current-password", "new-password"))


def field_problems(html: str, where: str) -> tuple[list[str], list[str]]:
    """Return (what is wrong with the page's fields, the names of the fields checked)."""
    root = lxml.html.document_fromstring(html)
    problems: list[str] = []
    ids = Counter(element.get("id") for element in root.iter(lxml.etree.Element)
                  if element.get("id"))
    problems += [f"{where}: id {name!r} is used {count} times"
                 for name, count in ids.items() if count > 1]
    labels: dict[str, list[str]] = {}
    for label in root.iter("label"):
        target = label.get("for")
        if target is not None:
            labels.setdefault(target, []).append(label.text_content().strip())
            if target not in ids:
                problems.append(f"{where}: a label for {target!r}, which no field has")
    checked: list[str] = []
    for element in root.iter("input", "select", "textarea"):
        kind = (element.get("type") or "text").lower() if element.tag == "input" else ""
        if kind in _NOT_FIELDS:
            continue
        name = element.get("name", "")
        checked.append(name)
        texts = labels.get(element.get("id") or "", [])
        texts += [parent.text_content().strip() for parent in element.iterancestors("label")]
        if not any(texts):
            problems.append(f"{where}: the field {name!r} has no label")
        autofill = element.get("autocomplete")
        if name in _EMAIL_NAMES and (kind != "email" or autofill not in _EMAIL_AUTOFILL):
            problems.append(f"{where}: {name!r} is type={kind!r} autocomplete={autofill!r}")
        if kind == "password" and autofill not in _PASSWORD_AUTOFILL:
            problems.append(f"{where}: the password {name!r} has autocomplete={autofill!r}")
        if _NUMERIC.search(name) and element.get("inputmode") != "numeric" \
                and kind != "number":
            problems.append(f"{where}: the number field {name!r} opens no number keys")
    return problems, checked


@dataclass
class _FormReader(Crawler):
    """A crawler that reads every field of every page it opens."""

    problems: list[str] = field(default_factory=list)
    #: the names of the fields read, by page path
    fields: dict[str, list[str]] = field(default_factory=dict)

    def crawl_one(self, response: TestResponse, url: str) -> Page:
        page = super().crawl_one(response, url)
        found, names = field_problems(page_text(response), url)
        self.problems += found
        if names:
            self.fields[urlsplit(url).path] = names
        return page


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Seed the demo once, at the standing clock; each browser reads a copy of it."""
    return seeded_demo(tmp_path_factory.mktemp("pc-forms"))


@pytest.fixture(params=BROWSERS)
def reader(request: pytest.FixtureRequest, demo: Path, tmp_path: Path) -> Iterator[_FormReader]:
    """Crawl a copy of the demo as one browser, logged out and then logged in."""
    copy = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo, copy)
    with standing_clock():
        app = make_app(f"sqlite:///{copy}")
        try:
            crawler = _FormReader(app, HandsetClient(app, PROFILES[request.param]), limit=400)
            crawler.crawl(*ANONYMOUS)
            crawler.seen.clear()
            crawler.crawl(log_in(crawler, login_emails()[0]))
            yield crawler
        finally:
            dispose(app)


def test_every_field_on_pc_and_smartphone_is_labelled_and_typed(reader: _FormReader) -> None:
    assert reader.problems == []
    names = {name for names in reader.fields.values() for name in names}
    # the crawl read the forms of every kind: logging in, writing, choosing, searching
    assert {"email", "password", "nickname", "title", "body", "visibility", "q", "kind",
            "knows", "current", "new", "photo"} <= names, sorted(names)
    assert any(_NUMERIC.search(name) for name in names)
    assert len(reader.fields) >= 25, sorted(reader.fields)


def _page(app: Flask, browser: str, path: str) -> str:
    """Return the page at path as the browser gets it, logged out."""
    client = HandsetClient(app, PROFILES[browser])
    response = client.get(path)
    assert response.status_int == 200, response.status
    return page_text(response)


def test_the_login_form_binds_its_labels_and_autofill(app: Flask) -> None:
    for browser in BROWSERS:
        html = _page(app, browser, "/login")
        assert '<label for="f-email">メールアドレス</label>' in html
        assert ('<input type="email" id="f-email" name="email" value="" size="20" '
                'maxlength="254" autocomplete="username" />') in html
        assert '<label for="f-password">パスワード</label>' in html
        assert ('<input type="password" id="f-password" name="password" value="" size="12"'
                ' maxlength="64" autocomplete="current-password" />') in html
        assert field_problems(html, "/login")[0] == []


def test_a_handset_gets_the_login_form_it_always_had(app: Flask) -> None:
    html = _page(app, "docomo-N505i", "/login")
    assert ('メールアドレス<br />\n<input type="text" name="email" value="" size="20" '
            'maxlength="254" istyle="3" /><br />\nパスワード<br />\n<input type="password" '
            'name="password" value="" size="12" maxlength="64" istyle="3" /><br />') in html
    assert "<label" not in html and ' id="f-' not in html


#: the field macros as they were before the html5 family had labels: a handset's bytes
_BEFORE = """
{%- macro text_input(name, value="", mode="hiragana", size=None, maxlength=None, type="text") -%}
<input type="{{ type }}" name="{{ name }}" value="{{ value }}"{% if size %} size="{{ size }}"{% endif %}{% if maxlength %} maxlength="{{ maxlength }}"{% endif %}{{ input_attrs(mode) }} />
{%- endmacro %}
{%- macro textarea(name, value="", mode="hiragana", rows=4, cols=20) -%}
<textarea name="{{ name }}" rows="{{ rows }}" cols="{{ cols }}"{{ input_attrs(mode) }}>{{ value }}</textarea>
{%- endmacro %}
{%- macro visibility_choice(name, visibilities, selected) -%}
<select name="{{ name }}">
{% for level in visibilities %}
<option value="{{ level.value }}"{% if level.value == selected %} selected="selected"{% endif %}>{{ level.label }}</option>
{% endfor %}
</select>
{%- endmacro %}
"""  # noqa: E501 - the macros exactly as they were
#: calls, as the templates make them, with what an html5 page adds (the handset drops it)
_CALLS = [
    ('text_input("email", "a&b", mode="alphabet", size=20, maxlength=254)',
     ', type="email", autocomplete="username"'),
    ('text_input("password", "", mode="alphabet", size=12, maxlength=64, type="password")',
     ', autocomplete="new-password"'),
    ('text_input("q", "x", maxlength=50)', ', type="search"'),
    ('text_input("url", "http://a", mode="alphabet", size=20)', ', type="url", id="u"'),
    ('text_input("ev_year", 2026, mode="numeric", size=4, maxlength=4)', ""),
    ('text_input("kana", "カナ", mode="hankakukana")', ""),
    ('text_input("k", "", mode="katakana", size=0)', ""),
    ('textarea("body", "<b>", rows=3, cols=20)', ', id="c-body"'),
    ('textarea("message", "", mode="alphabet")', ""),
]


@pytest.mark.parametrize("browser", ["docomo-N505i", "docomo-P903i", "docomo-N06A",
                                     "au-W53CA", "softbank-930SH", "softbank-J-SH51",
                                     "willcom-WX310SA", "docomo-D501i"])
def test_the_field_macros_give_a_handset_the_bytes_they_always_gave(app: Flask,
                                                                     browser: str) -> None:
    profile = PROFILES[browser]
    env = app.jinja_env
    levels = "[{'value': 'all', 'label': '全体'}, {'value': 'friends', 'label': 'マイミク'}]"
    with app.test_request_context("/"):
        g.handset = carriers.detect(profile.user_agent, profile.headers)
        for call, html5_only in _CALLS:
            before = env.from_string(_BEFORE + "{{ " + call + " }}").render()
            now = env.from_string("{{ m." + call[:-1] + html5_only + ") }}").render()
            assert now == before, call
        before = env.from_string(_BEFORE + "{{ visibility_choice('v', " + levels
                                 + ", 'friends') }}").render()
        assert env.from_string("{{ p.visibility_choice('v', " + levels
                               + ", 'friends') }}").render() == before
        # a label is its text as the template wrote it; the html5-only pieces are nothing
        assert env.from_string('{{ m.label("title", "タイトル(20文字まで)") }}<br />'
                               '{{ m.html5_label("q", "検索", hidden=True) }}'
                               '<select{{ m.field_id("kind") }}>').render() == \
            "タイトル(20文字まで)<br /><select>"
        assert env.from_string('{% call m.label("t") %}本文({{ 5 }}文字まで){% endcall %}|'
                               '{% call m.labelled() %}<input type="radio" />はい{% endcall %}'
                               ).render() == '本文(5文字まで)|<input type="radio" />はい'


def test_the_field_macros_bind_labels_on_html5(app: Flask) -> None:
    profile = PROFILES["smartphone-Android"]
    env = app.jinja_env
    with app.test_request_context("/"):
        g.handset = carriers.detect(profile.user_agent, profile.headers)
        assert env.from_string(
            '{% call m.label("subject") %}件名({{ 30 }}文字まで){% endcall %}'
            '{{ m.text_input("subject", "", size=20) }}').render() == (
            '<label for="f-subject">件名(30文字まで)</label>'
            '<input type="text" id="f-subject" name="subject" value="" size="20" />')
        assert env.from_string('{{ m.text_input("ev_day", "", mode="numeric", size=2) }}'
                               '{{ m.label("ev_day", "日") }}').render() == (
            '<input type="text" id="f-ev_day" name="ev_day" value="" size="2" '
            'inputmode="numeric" /><label for="f-ev_day">日</label>')
        assert env.from_string('{{ m.html5_label("q", "検索", hidden=True) }}'
                               '{{ m.html5_label("body", "コメント") }}'
                               '{% call m.labelled() %}<input type="radio" />はい{% endcall %}'
                               '{{ m.textarea("body", "", id="c") }}').render() == (
            '<label for="f-q" class="k-vh">検索</label><label for="f-body">コメント</label>'
            '<br /><label><input type="radio" />はい</label>'
            '<textarea id="c" name="body" rows="4" cols="20"></textarea>')


def test_the_field_reader_finds_what_a_form_lacks() -> None:
    html = ('<form><input name="email" id="a" /><label for="a">x</label>'
            '<input type="password" name="p" id="a" /><select name="s"></select>'
            '<label><input type="radio" name="r" /></label><input name="ev_year" />'
            '<label for="gone">y</label></form>')
    problems, names = field_problems(html, "p")
    assert names == ["email", "p", "s", "r", "ev_year"]
    assert problems == [
        "p: id 'a' is used 2 times", "p: a label for 'gone', which no field has",
        "p: 'email' is type='text' autocomplete=None",
        "p: the password 'p' has autocomplete=None", "p: the field 's' has no label",
        "p: the field 'r' has no label", "p: the field 'ev_year' has no label",
        "p: the number field 'ev_year' opens no number keys"]
