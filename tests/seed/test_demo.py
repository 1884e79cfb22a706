"""The demo: its named members show every feature, and its top page lists their logins."""
from __future__ import annotations

import hashlib
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from flask import Flask
from PIL import Image
from sqlalchemy import func, select

from keitai.db import db
from keitai.models import (
    Base,
    Community,
    CommunityMember,
    Diary,
    Endorsement,
    Event,
    JoinRequest,
    Member,
    Message,
    Photo,
    PhotoVariant,
    Poll,
    PollChoice,
    PollVote,
    ProfileField,
    Topic,
    TopicComment,
)
from keitai.models.base import utcnow
from keitai.seed import PASSWORD
from keitai.seed.command import simulator_variants
from keitai.seed.showcase import Showcase
from keitai.seed.showcase_texts import COMMUNITIES, PERSONAS, login_emails
from tests.diary.browsing import Browser, check_page, parts
from tests.handsets import client_for
from tests.seed.communities import broken_rules
from tests.seed.demo import seed_demo
from tests.social.photos import photo_address

ROOT = Path(__file__).resolve().parents[2]
TAGS = re.compile(r"<[^>]+>")
LOGIN = re.compile(r"seed\d+@example\.jp")
TOKEN = re.compile(r"ksid=([A-Za-z0-9_-]+)")
#: the docomo Shift_JIS bytes of the iモード mark (canonical U+FEE10), and the UTF-8 of the
#: canonical form, which must never reach a docomo page
I_MODE_DOCOMO, I_MODE_CANONICAL = b"\xf9\x75", "\U000FEE10".encode()


@pytest.fixture()
def demo_app(app: Flask) -> Flask:
    """Give the app in demo mode, with cheap password hashing."""
    app.config.update(BASE_URL="http://keitai.test", ARGON2_TIME_COST=1,
                      ARGON2_MEMORY_KIB=1024, DEMO=True)
    return app


@pytest.fixture()
def showcase(demo_app: Flask) -> Showcase:
    """Seed the demo; photo variants are made on first request, as for an upload."""
    return seed_demo(demo_app)


def as_member(app: Flask, handset: str, index: int) -> Browser:
    """Log a named demo member in on a handset, with the login form."""
    return log_in_demo(app, handset, login_emails()[index])


def log_in_demo(app: Flask, handset: str, email: str) -> Browser:
    """Log in with the demo's password through the login form."""
    client = client_for(app, handset)
    done = client.submit(client.get("/login"), {"email": email, "password": PASSWORD})
    assert done.status_int == 302, done.text
    token = TOKEN.search(done.headers["Location"])
    return Browser(client, token.group(1) if token else None)


@pytest.mark.parametrize("name", ["docomo-D501i", "au-C5001T", "softbank-930SH", "pc-Firefox"])
def test_the_demo_top_page_lists_the_logins_and_each_logs_in_with_the_login_form(
        demo_app, showcase, name) -> None:
    visitor = client_for(demo_app, name)
    top = visitor.get("/")
    text = check_page(Browser(visitor, None), top)
    emails = LOGIN.findall(text)
    assert emails == login_emails() and f"パスワード{PASSWORD}" in text
    assert "デモで試せること" in text
    for email, persona in zip(emails, PERSONAS, strict=True):
        member = log_in_demo(demo_app, name, email)
        home = member.text(member.get("/"))
        assert persona.nickname in home and "新着ミニメール" in home


def test_the_demo_help_page_says_what_to_try_and_links_the_long_diary(demo_app,
                                                                      showcase) -> None:
    phone = client_for(demo_app, "docomo-D501i")
    text = check_page(Browser(phone, None), phone.get("/demo"))
    assert LOGIN.findall(text) == login_emails()
    for thing in ("長い日記", "絵文字", "足あと", "ミニメール", "かんたんログイン", "招待"):
        assert thing in text
    assert f'href="/diary/{showcase.long_diaries[0]}' in text


def test_outside_demo_mode_the_top_page_lists_no_logins_and_there_is_no_help_page(
        app, showcase) -> None:
    app.config["DEMO"] = False
    phone = client_for(app, "docomo-N505i")
    text = phone.text(phone.get("/"))
    assert "ログイン" in text and not LOGIN.search(text) and PASSWORD not in text
    assert phone.get("/demo", expect_errors=True).status_int == 404


def test_a_named_member_shows_a_photo_fields_and_endorsements(demo_app, showcase) -> None:
    taro, hanako, kenji = showcase.logins
    viewer = as_member(demo_app, "docomo-P903i", 1)
    page = check_page(viewer, viewer.get(f"/members/{taro}"))
    address = photo_address(page)
    assert address is not None and '<img src="/photos/' in page
    photo = viewer.client.get(address)
    image = Image.open(io.BytesIO(photo.body))
    assert image.format in ("JPEG", "GIF", "PNG") and image.width == 240
    assert photo.content_type == f"image/{image.format.lower()}"
    assert len(image.convert("RGB").getcolors(1 << 16) or ()) > 2  # a drawing, not a blank
    assert page.count("紹介文") >= 1 and "けんじ@大阪" in page and "まだありません" not in page

    more = check_page(viewer, viewer.get(f"/members/{taro}/more"))
    for label, value in (("性別", "男性"), ("現住所", "東京都"), ("市区町村", "世田谷区"),
                         ("出身地", "大阪府"), ("趣味", "ラーメン屋めぐり"), ("年齢", "歳")):
        assert label in more and value in more
    # けんじ shows his occupation to nobody but himself
    assert "職業" not in viewer.text(viewer.get(f"/members/{kenji}/more"))
    himself = as_member(demo_app, "pc-Firefox", 2)
    assert "職業" in himself.text(himself.get(f"/members/{kenji}/more"))


def test_the_demo_photos_are_seeded_with_the_variant_each_simulator_handset_is_served(
        demo_app) -> None:
    variants = simulator_variants()
    showcase = seed_demo(demo_app, tuple(variants))
    with demo_app.app_context():
        photos = db.session.scalar(select(func.count()).select_from(Photo))
        made = db.session.execute(select(PhotoVariant.variant, func.count())
                                  .group_by(PhotoVariant.variant)).all()
    assert photos == len(showcase.logins) + len(showcase.friends) >= 6
    assert dict(made) == dict.fromkeys(variants, photos)
    assert {"gif-96", "jpeg-240", "png-96"} <= set(variants)
    viewer = as_member(demo_app, "softbank-J-SH51", 1)
    address = photo_address(viewer.text(viewer.get(f"/members/{showcase.logins[0]}")))
    assert address is not None and "/png-96" in address
    served = viewer.client.get(address)
    assert Image.open(io.BytesIO(served.body)).format == "PNG"
    with demo_app.app_context():  # served from what the seed made: no variant was added
        kept = db.session.scalar(select(func.count()).select_from(PhotoVariant))
    assert kept == len(variants) * photos


def test_bookmarks_mail_and_footprints_are_listed(demo_app, showcase) -> None:
    taro = as_member(demo_app, "au-C5001T", 0)
    bookmarks = check_page(taro, taro.get("/bookmarks"))
    assert "はなこ" in bookmarks and "けんじ@大阪" in bookmarks
    inbox = check_page(taro, taro.get("/messages"))
    assert "今度の週末" in inbox and "ライブのお知らせ" in inbox
    footprints = check_page(taro, taro.get("/footprints"))
    assert "はなこ" in footprints and "ゆき♪" in footprints



def test_the_named_members_meet_in_hand_written_communities(demo_app, showcase) -> None:
    now = utcnow()
    with demo_app.app_context():
        with db.engine.connect() as conn:
            assert broken_rules(conn) == {}
        for community_id, spec in zip(showcase.communities, COMMUNITIES, strict=True):
            community = db.session.get_one(Community, community_id)
            topics = db.session.scalar(select(func.count()).select_from(Topic).where(
                Topic.community_id == community_id, Topic.kind == "topic"))
            events = db.session.scalars(select(Event).where(
                Event.community_id == community_id)).all()
            polls = db.session.scalars(select(Poll).where(
                Poll.community_id == community_id)).all()
            choices = db.session.scalar(select(func.count()).select_from(PollChoice).where(
                PollChoice.poll_id == polls[0].id))
            votes = db.session.scalar(select(func.count()).select_from(PollVote).where(
                PollVote.poll_id == polls[0].id))
            assert community.name == spec.name and 2 <= topics <= 4
            assert len(events) == 1 and events[0].capacity and events[0].deadline
            assert now < events[0].deadline < events[0].starts_at
            assert 0 < events[0].participant_count <= events[0].capacity
            assert len(polls) == 1 and polls[0].closes_at > now and 3 <= choices <= 5
            assert votes > 0
        memberships = db.session.execute(
            select(CommunityMember.member_id, func.count()).where(
                CommunityMember.community_id.in_(showcase.communities))
            .group_by(CommunityMember.member_id)).all()
        waiting = db.session.execute(
            select(Community.join_policy, Community.topic_visibility).join(
                CommunityMember, CommunityMember.community_id == Community.id).join(
                JoinRequest, JoinRequest.community_id == Community.id).where(
                CommunityMember.member_id.in_(showcase.logins),
                CommunityMember.role == "admin")).all()
    assert all(dict(memberships).get(login, 0) >= 2 for login in showcase.logins)
    assert ("approval", "members") in waiting
    assert any("☀" in spec.name for spec in COMMUNITIES)


@pytest.mark.parametrize("name", ["docomo-D501i", "au-C5001T", "pc-Firefox"])
def test_the_demo_is_searchable_as_it_starts(demo_app, showcase, name) -> None:
    browser = as_member(demo_app, name, 1)
    charset = "cp932" if browser.handset.charset == "shift_jis" else "utf-8"
    typed = "".join(f"%{byte:02X}" for byte in "らーめん".encode(charset))
    found = check_page(browser, browser.get(f"/search?kind=communities&q={typed}"))
    assert "ラーメン大好き" in TAGS.sub("", found)
    diaries = check_page(browser, browser.get(f"/search?kind=diaries&q={typed}"))
    assert "見つかりませんでした" not in diaries and "ラーメン" in TAGS.sub("", diaries)


def test_a_long_demo_diary_is_split_on_the_smallest_docomo_with_docomo_emoji(
        demo_app, showcase) -> None:
    reader = as_member(demo_app, "docomo-D501i", 1)
    assert reader.handset.page_limit_bytes == 5 * 1024
    pieces = parts(reader, f"/diary/{showcase.long_diaries[0]}")
    assert len(pieces) >= 2
    assert all(len(piece) <= 5 * 1024 for piece in pieces)
    whole = b"".join(pieces)
    assert I_MODE_DOCOMO in pieces[0] and I_MODE_CANONICAL not in whole
    assert b"\xf8\xbc" in pieces[0]  # 🚃 in the title, as docomo's train
    text = "".join(TAGS.sub("", piece.decode("cp932")) for piece in pieces)
    assert "【1日目】" in text and "【4日目】" in text and "読んでくれてありがとう" in text


def test_the_production_entry_point_never_runs_in_demo_mode(tmp_path) -> None:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("KEITAI_")}
    environ.update(KEITAI_INSTANCE_DIR=str(tmp_path), KEITAI_DEMO="1",
                   KEITAI_SECRET_KEY="a-long-shared-random-value",
                   KEITAI_DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    code = ("from keitai.config import from_environment; import keitai.wsgi; "
            "print(from_environment()['DEMO'], keitai.wsgi.app.config['DEMO'])")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environ,
                            capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == ["True", "False"], result.stderr


def test_the_production_entry_point_freezes_what_it_loaded(tmp_path) -> None:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("KEITAI_")}
    environ.update(KEITAI_INSTANCE_DIR=str(tmp_path), KEITAI_SECRET_KEY="a-long-shared-value",
                   KEITAI_DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    code = ("import gc; import keitai.wsgi; "
            "print(any(o is keitai.wsgi.app for o in gc.get_objects()), gc.get_freeze_count())")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environ,
                            capture_output=True, text=True, timeout=60)
    tracked, frozen = result.stdout.split()
    # the app and all that came with it are out of the collector's generations
    assert tracked == "False" and int(frozen) > 10_000, result.stderr


def _showcase_digest(app: Flask) -> str:
    """Return a digest of what the showcase wrote that a seed decides (not its times)."""
    digest = hashlib.sha256()
    with app.app_context():
        for statement in (
                select(Member.id, Member.nickname).order_by(Member.id),
                select(ProfileField.member_id, ProfileField.name, ProfileField.value,
                       ProfileField.visibility).order_by(ProfileField.member_id,
                                                         ProfileField.name),
                select(Photo.member_id, Photo.data).order_by(Photo.member_id),
                select(Endorsement.author_id, Endorsement.subject_id, Endorsement.body)
                .order_by(Endorsement.author_id, Endorsement.subject_id),
                select(Diary.id, Diary.title, Diary.body).order_by(Diary.id),
                select(Message.sender_id, Message.subject, Message.body).order_by(Message.id),
                select(Community.id, Community.name, Community.member_count).order_by(
                    Community.id),
                select(CommunityMember.community_id, CommunityMember.member_id,
                       CommunityMember.role).order_by(CommunityMember.seq),
                select(Topic.id, Topic.title, Topic.comment_count).order_by(Topic.id),
                select(TopicComment.topic_id, TopicComment.number, TopicComment.author_id,
                       TopicComment.body).order_by(TopicComment.topic_id, TopicComment.number),
                select(PollVote.poll_id, PollVote.member_id, PollVote.choice_id).order_by(
                    PollVote.poll_id, PollVote.member_id)):
            for row in db.session.execute(statement):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def test_the_demo_is_the_same_every_time(demo_app) -> None:
    digests = []
    for _ in range(2):
        seed_demo(demo_app)
        digests.append(_showcase_digest(demo_app))
        with demo_app.app_context():
            db.session.remove()
            with db.engine.begin() as conn:  # type: ignore[union-attr]
                for table in reversed(Base.metadata.sorted_tables):
                    conn.execute(table.delete())
    assert digests[0] == digests[1]
