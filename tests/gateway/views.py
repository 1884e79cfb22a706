"""A small test-only blueprint that exercises sessions, forms and long pages."""
from __future__ import annotations

from flask import Blueprint, g, redirect, render_template_string, request
from markupsafe import escape
from sqlalchemy import Column, Integer, MetaData, Table, Text
from werkzeug.wrappers import Response

from keitai.db import db
from keitai.gateway import sessions

bp = Blueprint("testing", __name__)

PAGE = """{% extends "base.html" %}{% import "_macros/markup.html" as m with context %}
{% block content %}{{ body|safe }}{% endblock %}"""


@bp.get("/_t/count")
def count() -> str:
    """Count visits in the session."""
    visits = g.session.get("visits", 0) + 1
    g.session.set("visits", visits)
    body = f"visits={visits}"
    return render_template_string(PAGE + '{% block footer %}<a href="/_t/count">next</a>'
                                  '{% endblock %}', body=body)


@bp.route("/_t/note", methods=["GET", "POST"])
def note() -> str | Response:
    """Keep a posted note in the session, show it back."""
    if request.method == "POST":
        g.session.set("note", request.form.get("note", ""))
        return redirect("/_t/note")
    note_text = escape(g.session.get("note", ""))
    return render_template_string(PAGE, body=(
        f"note={note_text}"
        '<form action="/_t/note" method="post"><div>'
        '<input type="text" name="note" /></div></form>'))


@bp.post("/_t/login")
def fake_login() -> Response:
    """Raise the session's privilege, as a login does."""
    sessions.rotate_session(member_id=42)
    db.session.flush()
    return redirect("/_t/whoami")


@bp.get("/_t/whoami")
def whoami() -> str:
    """Show the member id of the session."""
    return render_template_string(PAGE, body=f"member={g.session.member_id}")


@bp.get("/_t/long")
def long_page() -> str:
    """Render a long diary-like page."""
    paragraph = "今日は晴れ☀でした。友だちとカフェに行って、ケーキを食べました♪ "
    parts = [f"<p>{i}: {paragraph * 3}</p>" for i in range(int(request.args.get("n", "60")))]
    return render_template_string(PAGE, body="\n".join(parts))


@bp.get("/_t/links")
def links() -> str:
    """Render own and external links and forms."""
    return render_template_string(PAGE, body=(
        '<a href="/_t/count?x=1&amp;y=2">own</a> '
        '<a href="http://keitai.test/_t/count">own absolute</a> '
        '<a href="http://example.com/page?a=1&amp;b=2">external</a> '
        '<a href="mailto:someone@example.com">mail</a> '
        '<form action="/_t/count" method="get"><div><input type="text" name="q" />'
        "</div></form>"))


@bp.get("/_t/rare")
def rare() -> str:
    """Render characters Shift_JIS lacks beside an emoji."""
    return render_template_string(PAGE, body="café 𠮷 ☀")


board_metadata = MetaData()
#: a test-only table: posts shared between handsets, as diaries will be
board = Table("t_board", board_metadata, Column("id", Integer, primary_key=True),
              Column("body", Text, nullable=False))


@bp.route("/_t/board", methods=["GET", "POST"])
def board_page() -> str | Response:
    """Show every post; add one on POST."""
    if request.method == "POST":
        db.session.execute(board.insert().values(body=request.form["body"]))
        db.session.commit()
        return redirect("/_t/board")
    rows = db.session.execute(board.select().order_by(board.c.id)).all()
    posts = "".join(f"<div>{escape(row.body)}</div>" for row in rows)
    return render_template_string(PAGE, body=posts + (
        '<form action="/_t/board" method="post"><div>'
        '<input type="text" name="body" /></div></form>'))


@bp.get("/_t/emoji")
def emoji_page() -> str:
    """Render an emoji asked for by name in a template."""
    return render_template_string(PAGE.replace("{{ body|safe }}", "天気: {{ emoji('sun') }}"),
                                  body="")


@bp.get("/_t/style")
def style_page() -> str:
    """Render the presentational macros: heading, rule, coloured text."""
    macros = '{{ m.heading("見出し") }}{{ m.rule() }}{{ m.colored("赤字", "#ff0000") }}'
    return render_template_string(PAGE.replace("{{ body|safe }}", macros), body="")


@bp.get("/_t/menu")
def menu_page() -> str:
    """Render a menu block of pages that take no values."""
    menu = '{{ m.menu(("top.index", "トップ", "0"), ("handset_info.show", "この端末", none)) }}'
    return render_template_string(PAGE.replace("{{ body|safe }}", menu), body="")


@bp.get("/_t/wide")
def wide_form() -> str:
    """Write to the session and the board, then render a form of ?n= lines (40: no page of
    1 KB can hold it)."""
    g.session.set("wide", "seen")
    db.session.execute(board.insert().values(body="written by a page never shown"))
    label = "この欄には長い説明が付いています。" * int(request.args.get("n", "40"))
    return render_template_string(PAGE, body=(
        f'<form action="/_t/note" method="post"><div>{label}'
        '<input type="text" name="note" /></div></form>'))


@bp.route("/_t/quoting", methods=["GET", "POST"])
def quoting() -> str | Response:
    """A page written carelessly: single quotes, no quotes, capitals, attributes on lines."""
    if request.method == "POST":
        g.session.set("note", request.form.get("note", ""))
        return redirect("/_t/quoting")
    note_text = escape(g.session.get("note", ""))
    return render_template_string(PAGE, body=(
        f"note={note_text}<br />"
        "<a href='/_t/count?x=1&amp;y=2'>single</a> <A HREF=/_t/count>bare</A> "
        "<a\nclass='x'\nhref\n=\n'http://example.com/page?a=1&amp;b=2'>external</a> "
        "<a href=//example.com/>no scheme</a> "
        "<FORM Method=POST action='/_t/quoting'><div><input type='text' name='note' />"
        "</div></FORM>"
        "<form action=/_t/count><div><input name=q /></div></form>"))
