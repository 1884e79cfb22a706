"""A small social network to fuzz: members with every kind of row, handsets logged in through
the login form, real mailed tokens; and the database put back as it was after each request."""
from __future__ import annotations

import html
import io
import itertools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from flask import Flask
from PIL import Image
from sqlalchemy import insert, select

from keitai.db import db
from keitai.features.diary import feed
from keitai.features.friends.limits import refresh_counts
from keitai.features.profile.fields import FIELDS
from keitai.features.profile.photo_service import store_photo
from keitai.gateway.sessions import PRE_COOKIE
from keitai.models import (
    Base,
    Block,
    Bookmark,
    Comment,
    Diary,
    Endorsement,
    Footprint,
    FriendRequest,
    Friendship,
    Message,
    Photo,
    Profile,
    ProfileField,
    RegisteredHandset,
)
from keitai.models.base import utcnow
from simulator.mailbox import Mailbox
from tests.accounts.conftest import PASSWORD, mail_link
from tests.handsets import PROFILES, page_forms
from tests.security.browsing import Member

#: the handsets that browse: cookie-less docomo (cHTML and i-XHTML, and DoCoMo/1.0 with its
#: 5 KB pages), au, SoftBank 3G, a PC
HANDSETS = ("docomo-N505i", "docomo-P903i", "docomo-D501i", "au-W53CA", "softbank-930SH",
            "pc-Firefox")
#: the member the handsets log in as
EMAIL = "taro@example.com"
#: a table's rows by primary key, each row as a tuple of comparable values
Rows = dict[tuple[Any, ...], tuple[Any, ...]]
Dump = dict[str, Rows]
#: which rows each id argument of a route names
ID_KINDS = {"member_id": "member", "friend_id": "member", "diary_id": "diary",
            "comment_id": "comment", "message_id": "message", "request_id": "request",
            "endorsement_id": "endorsement", "registration_id": "registration"}
_KSID = re.compile(r"ksid=([A-Za-z0-9_-]+)")
_FORM = re.compile(r"<form\s([^>]*)>(.*?)</form>", re.S | re.I)
_FIELD = re.compile(r"<(?:input|textarea|select)\s([^>]*)>", re.I)
_ATTR = re.compile(r'([a-zA-Z_:-]+)="([^"]*)"')
_ROUTE_ARGUMENT = re.compile(r"<(?:\w+:)?(\w+)>")


@dataclass
class Actor:
    """A handset browsing as the member, or as a visitor (who has no session)."""

    name: str
    member: bool
    client: Member
    #: the session token this actor holds at the start of every request ("" for a visitor)
    token: str
    #: the CSRF secret of that session, or the visitor's token, as its pages carry it
    csrf: str
    #: the pre-session cookie a visitor's token is bound to (handsets that keep cookies)
    pre: str = ""


@dataclass(frozen=True)
class FormSpec:
    """A form of one of our pages: where it posts, and its fields with the page's values."""

    action: str
    method: str
    fields: tuple[tuple[str, str], ...]


@dataclass
class World:
    """Everything a fuzzed request may name, and the database as it was before any."""

    actors: list[Actor]
    #: ids of existing rows, by the route argument that names them
    ids: dict[str, list[int]]
    photo_keys: list[str]
    #: tokens from real mails: an invitation, a password reset, an address change
    mail_tokens: list[str]
    #: every form our pages show the member and a visitor, by the endpoint it posts to
    forms: dict[str, list[FormSpec]] = field(default_factory=dict)
    baseline: Dump = field(default_factory=dict)


def _comparable(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True)
    return value


def dump(app: Flask) -> Dump:
    """Read every row of every table."""
    tables: Dump = {}
    with app.app_context():
        with db.engine.connect() as conn:  # type: ignore[union-attr]
            for table in Base.metadata.sorted_tables:
                keys = [column.name for column in table.primary_key.columns]
                rows: Rows = {}
                for row in conn.execute(select(table)).mappings():
                    rows[tuple(row[k] for k in keys)] = tuple(
                        _comparable(row[c.name]) for c in table.columns)
                tables[table.name] = rows
    return tables


def restore(app: Flask, baseline: Dump) -> None:
    """Put every table back as the baseline has it."""
    with app.app_context():
        with db.engine.begin() as conn:  # type: ignore[union-attr]
            for table in reversed(Base.metadata.sorted_tables):
                conn.execute(table.delete())
            for table in Base.metadata.sorted_tables:
                names = [column.name for column in table.columns]
                rows = [dict(zip(names, _raw(table.name, row), strict=True))
                        for row in baseline[table.name].values()]
                if rows:
                    conn.execute(insert(table), rows)


def _raw(table: str, row: tuple[Any, ...]) -> tuple[Any, ...]:
    """Turn a dumped row back into values to insert (JSON columns were dumped as text)."""
    json_columns = {c.name for c in Base.metadata.tables[table].columns
                    if c.type.__class__.__name__ == "JSON"}
    if not json_columns:
        return row
    names = [c.name for c in Base.metadata.tables[table].columns]
    return tuple(json.loads(v) if n in json_columns and isinstance(v, str) else v
                 for n, v in zip(names, row, strict=True))


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (32, 24), (200, 80, 40)).save(out, "JPEG")
    return out.getvalue()


def _seed(app: Flask, taro: int, hanako: int, jiro: int, saburo: int, shiro: int) -> None:
    """Give the member a row of every kind: friends, requests, blocks, diaries, messages."""
    now = utcnow()
    with app.app_context():
        db.session.execute(insert(Friendship), [
            {"member_id": a, "friend_id": b, "created_at": now}
            for a, b in ((taro, hanako), (hanako, taro))])
        refresh_counts([taro, hanako])
        mine = Diary(author_id=taro, title="晴れ", body="散歩☀" * 40, visibility="everyone")
        theirs = Diary(author_id=hanako, title="雨", body="読書", visibility="friends")
        secret = Diary(author_id=jiro, title="秘密", body="…", visibility="only_me")
        long = Diary(author_id=taro, title="長い日記", body="今日は晴れ☀でした。" * 400,
                     visibility="friends")  # split into parts on every handset with a limit
        db.session.add_all([mine, theirs, secret, long])
        db.session.flush()
        db.session.add_all([Comment(diary_id=long.id, author_id=author, body="なるほど。" * 60)
                            for author in (hanako, taro) * 6])
        db.session.add_all([
            FriendRequest(sender_id=jiro, recipient_id=taro, message="よろしく"),
            FriendRequest(sender_id=taro, recipient_id=shiro, message="はじめまして"),
            Block(blocker_id=taro, blocked_id=saburo), Block(blocker_id=shiro, blocked_id=jiro),
            Comment(diary_id=theirs.id, author_id=taro, body="いいね"),
            Comment(diary_id=mine.id, author_id=hanako, body="楽しそう"),
            Message(sender_id=hanako, recipient_id=taro, subject="こんにちは", body="元気?"),
            Message(sender_id=taro, recipient_id=hanako, subject="Re: こんにちは", body="元気"),
            Message(sender_id=jiro, recipient_id=hanako, subject="ひみつ", body="…"),
            Endorsement(author_id=hanako, subject_id=taro, relation="友だち", body="いい人"),
            Bookmark(member_id=taro, target_id=jiro),
            Footprint(member_id=taro, visitor_id=hanako),
            Profile(member_id=taro, introduction="よろしくお願いします。" * 10),
            RegisteredHandset(member_id=taro, carrier="docomo", id_kind="guid",
                              id_hash="0" * 64, model="P903i"),
        ])
        db.session.execute(insert(ProfileField), [
            {"member_id": taro, "name": spec.name, "value": "ひみつ",
             "visibility": "friends"} for spec in FIELDS])
        store_photo(taro, _jpeg())
        db.session.flush()
        feed.refresh_all()
        db.session.commit()


def _actor(app: Flask, name: str, member: bool) -> Actor:
    """Log the handset in through the login form, or open the login page as a visitor; take
    its session token and the CSRF secret its page carries."""
    client = Member(app, PROFILES[name])
    if member:
        client.log_in(EMAIL)
        page = client.get("/logout")  # a page with a POST form
    else:
        page = client.get("/login")  # a visitor: no session, a visitor token in the form
        assert not _KSID.search(client.text(page)) and "ksid" not in client.cookies
    token = client.cookies.get("ksid", "") if client.handset.cookies else client.token
    csrf = page_forms(page)[0].fields["csrf_token"]
    pre = client.cookies.get(PRE_COOKIE, "") if client.handset.cookies else ""
    client.cookiejar.clear()
    client.token = ""  # send() gives each request the session it carries
    return Actor(name, member, client, token, csrf, pre)


def forms_of(text: str) -> list[FormSpec]:
    """Return the forms of a page, each field with the value the page gives it."""
    found = []
    for attrs, inner in _FORM.findall(text):
        tag = {k.lower(): html.unescape(v) for k, v in _ATTR.findall(attrs)}
        fields = []
        for field_attrs in _FIELD.findall(inner):
            attr = {k.lower(): html.unescape(v) for k, v in _ATTR.findall(field_attrs)}
            if "name" in attr and attr["name"] not in ("csrf_token", "ksid", "guid"):
                fields.append((attr["name"], attr.get("value", "")))
        action = urlsplit(tag.get("action", "")).path
        found.append(FormSpec(action, tag.get("method", "get").lower(), tuple(fields)))
    return found


def harvest(app: Flask, actors: list[Actor], ids: dict[str, list[int]],
            tokens: list[str]) -> dict[str, list[FormSpec]]:
    """Open every page as a PC, logged in and not, and collect the forms they show."""
    paths = []
    for rule in app.url_map.iter_rules():
        if "GET" not in (rule.methods or ()) or rule.endpoint in ("static", "profile.photo"):
            continue
        names = _ROUTE_ARGUMENT.findall(rule.rule)
        choices = [ids[ID_KINDS.get(name, "member")] for name in names]
        for values in itertools.islice(itertools.product(*choices), 6):
            path = rule.rule
            for value in values:
                path = _ROUTE_ARGUMENT.sub(str(value), path, count=1)
            paths.append(path)
    paths += [f"{path}?t={token}" for path in ("/signup", "/signup/verify", "/password/reset",
                                               "/settings/email/confirm") for token in tokens]
    paths += [f"/messages/new?to={member}&re={message}" for member in ids["member"][1:3]
              for message in ids["message"][:1]]
    found: set[FormSpec] = set()
    for actor in actors:
        if actor.name not in ("pc-Firefox", "docomo-P903i"):
            continue
        if actor.client.handset.cookies:
            if actor.token:
                actor.client.set_cookie("ksid", actor.token)
            if actor.pre:
                actor.client.set_cookie(PRE_COOKIE, actor.pre)
        else:
            actor.client.token = actor.token
        for path in paths:
            page = actor.client.get(path, expect_errors=True)
            if page.status_int == 200:
                found.update(forms_of(actor.client.text(page)))
        actor.client.cookiejar.clear()
        actor.client.token = ""
    urls = app.url_map.bind("keitai.test")
    by_endpoint: dict[str, list[FormSpec]] = {}
    for form in sorted(found, key=lambda f: (f.action, f.fields)):
        endpoint, _args = urls.match(form.action, form.method.upper())
        by_endpoint.setdefault(endpoint, []).append(form)
    return by_endpoint


def build(app: Flask, create_member: Callable[..., int], mailbox: Mailbox) -> World:
    """Make the network, log the handsets in, collect mailed tokens, remember the database."""
    taro = create_member(email=EMAIL, nickname="たろう")
    hanako = create_member(email="hanako@example.com", nickname="はなこ")
    others = [create_member(email=f"{n}@example.com", nickname=n)
              for n in ("jiro", "saburo", "shiro")]
    _seed(app, taro, hanako, *others)
    actors = [_actor(app, name, member) for name in HANDSETS for member in (True, False)]
    pc = next(a for a in actors if a.name == "pc-Firefox" and a.member)
    pc.client.set_cookie("ksid", pc.token)
    for path, fields in (("/invite", {"email": "newbie@example.net", "knows": "yes"}),
                         ("/invite", {"email": "newbie@docomo.ne.jp", "knows": "no"}),
                         ("/settings/email", {"email": "taro2@example.com",
                                              "password": PASSWORD})):
        assert pc.client.submit(pc.client.get(path), fields).status_int in (200, 302)
    visitor = next(a for a in actors if a.name == "pc-Firefox" and not a.member)
    visitor.client.set_cookie(PRE_COOKIE, visitor.pre)
    visitor.client.submit(visitor.client.get("/password/forgot"), {"email": "hanako@example.com"})
    for actor in (pc, visitor):
        actor.client.cookiejar.clear()
    tokens = [re.search(r"[?&]t=([^&\s]+)", mail_link(message)).group(1)
              for message in mailbox.messages()]
    assert len(tokens) == 4, tokens
    with app.app_context():
        ids = {
            "member": [taro, hanako, *others],
            "diary": list(db.session.scalars(select(Diary.id))),
            "comment": list(db.session.scalars(select(Comment.id))),
            "message": list(db.session.scalars(select(Message.id))),
            "request": list(db.session.scalars(select(FriendRequest.id))),
            "endorsement": list(db.session.scalars(select(Endorsement.id))),
            "registration": list(db.session.scalars(select(RegisteredHandset.id))),
        }
        keys = list(db.session.scalars(select(Photo.key)))
    world = World(actors, ids, keys, tokens)
    world.forms = harvest(app, actors, ids, tokens)
    world.baseline = dump(app)
    return world
