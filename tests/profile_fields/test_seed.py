"""The bulk seed gives members genders, prefectures and ages to find them by."""
from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from sqlalchemy import func, select

from keitai.db import db
from keitai.features.profile.choices import GENDERS, PREFECTURES
from keitai.models import ProfileField
from keitai.seed import NetworkSeeder
from keitai.seed.profiles import _POPULATION


def test_the_population_weights_cover_every_prefecture_and_abroad() -> None:
    assert len(_POPULATION) == len(PREFECTURES)


def test_most_seeded_members_choose_a_gender_and_prefecture_and_a_third_show_their_age(
        app) -> None:
    with app.app_context():
        seeded = NetworkSeeder(db.engine, 1200, seed=5, password_hash="x",
                               anchor=datetime(2026, 4, 1, tzinfo=UTC)).run_all()
        rows = db.session.execute(select(ProfileField.name, ProfileField.value,
                                         ProfileField.visibility)).all()
        members = db.session.scalar(select(func.count(func.distinct(ProfileField.member_id))))
    by_name = Counter(row.name for row in rows)
    assert seeded.rows["profile fields"] == len(rows)
    assert 0.8 < by_name["gender"] / 1200 < 0.9 and 0.75 < by_name["prefecture"] / 1200 < 0.85
    assert 0.28 < by_name["age"] / 1200 < 0.39 and members > 1100
    codes = {row.value for row in rows if row.name == "gender"}
    assert codes == {code for code, _label in GENDERS}
    prefectures = Counter(row.value for row in rows if row.name == "prefecture")
    assert prefectures.most_common(1)[0][0] == "13" and len(prefectures) > 40
    assert {row.visibility for row in rows if row.name == "prefecture"} == {
        "everyone", "friends", "friends_of_friends", "only_me"}
    assert "only_me" not in {row.visibility for row in rows if row.name == "age"}
