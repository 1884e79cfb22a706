"""The community journey (tests/simulator/scripts/community.txt) replays in the simulator
against the app: a docomo mova handset and an au handset share a community."""
from __future__ import annotations

from pathlib import Path

from flask import Flask
from sqlalchemy import func, select

from keitai.db import db
from keitai.members import create_member
from keitai.models.community import Community, EventParticipant, PollVote, TopicComment
from keitai.passwords import hash_password
from simulator.replay import replay

SCRIPT = Path(__file__).with_name("scripts") / "community.txt"


def test_the_community_journey_replays_in_the_simulator(app: Flask, tmp_path: Path) -> None:
    app.config.update(ARGON2_TIME_COST=1, ARGON2_MEMORY_KIB=1024)
    with app.app_context():
        for nickname, email in (("たろう", "taro@example.com"), ("はなこ", "hanako@example.com")):
            create_member(email=email, nickname=nickname, password_hash=hash_password("kaeru2007"))
        db.session.commit()
    player = replay(SCRIPT, app=app, data_dir=tmp_path / "simulator")
    on_n505i = player.page
    assert on_n505i is not None and on_n505i.profile.name == "docomo-N505i"
    assert b"\xf8\x9f" in on_n505i.exchange.body  # the comment's ☀ as docomo's F89F
    read = [r.page_id for r in player.results if r.step.args == ("東京は晴れ☀でした",)]
    on_au = player.sim.browser("au-W53CA").page(read[-1] or 0)  # はなこ's reading
    assert on_au is not None and "東京は晴れ".encode("cp932") + b"\xf6\x60" in on_au.exchange.body
    with app.app_context():
        assert db.session.scalars(select(Community.name)).one() == "晴れ☀の会"
        assert db.session.scalars(select(TopicComment.number)).one() == 1
        assert db.session.scalar(select(func.count()).select_from(PollVote)) == 2
        assert db.session.scalar(select(func.count()).select_from(EventParticipant)) == 2
