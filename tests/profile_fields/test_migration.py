"""Migration 0009: free-text gender and 現住所 become codes where they clearly name one, and
the downgrade turns the codes back into text."""
from __future__ import annotations

from sqlalchemy import text

from keitai import migrations
from keitai.db import make_engine
from tests.migrating import back_at_head

#: member -> the fields typed before 0009: name -> (value, visibility)
BEFORE = {
    1: {"gender": ("男", "everyone"), "region": ("東京", "friends"),
        "hometown": ("大阪府", "everyone")},
    2: {"gender": ("ＦＥＭＡＬＥ", "friends"), "region": ("　大阪府 ", "friends_of_friends")},
    3: {"gender": ("ひみつ", "everyone"), "region": ("東京都 世田谷区", "everyone")},
    4: {"gender": ("女性", "only_me"), "region": ("北海道", "only_me")},
    5: {"gender": ("male", "everyone"), "region": ("横浜", "friends")},
    6: {"region": ("海外", "everyone"), "hobbies": ("つり", "everyone")},
}
#: what 0009 makes of them
AFTER = {
    1: {"gender": ("male", "everyone"), "prefecture": ("13", "friends"),
        "hometown": ("大阪府", "everyone")},
    2: {"gender": ("female", "friends"), "prefecture": ("27", "friends_of_friends")},
    3: {"region": ("東京都 世田谷区", "everyone")},
    4: {"gender": ("female", "only_me"), "prefecture": ("01", "only_me")},
    5: {"gender": ("male", "everyone"), "region": ("横浜", "friends")},
    6: {"prefecture": ("99", "everyone"), "hobbies": ("つり", "everyone")},
}


def fields(engine) -> dict[int, dict[str, tuple[str, str]]]:
    found: dict[int, dict[str, tuple[str, str]]] = {}
    with engine.connect() as conn:
        for member, name, value, level in conn.execute(text(
                "SELECT member_id, name, value, visibility FROM profile_fields")):
            found.setdefault(member, {})[name] = (value, level)
    return found


def test_free_text_becomes_codes_and_the_downgrade_makes_text_again(database_url) -> None:
    migrations.downgrade(database_url, "0008")
    engine = make_engine(database_url)
    try:
        with engine.begin() as conn:
            for member, typed in BEFORE.items():
                conn.execute(text(
                    "INSERT INTO members (id, nickname, real_name, email, password_hash,"
                    " is_premium, is_admin, is_celebrity, created_at) VALUES (:id, 'm', '',"
                    " :email, 'h', false, false, false, '2026-01-01 00:00:00')"),
                    {"id": member, "email": f"m{member}@example.com"})
                for name, (value, level) in typed.items():
                    conn.execute(text("INSERT INTO profile_fields VALUES (:m, :n, :v, :l)"),
                                 {"m": member, "n": name, "v": value, "l": level})
        migrations.upgrade(database_url, "0009")
        upgraded = fields(engine)
        with engine.begin() as conn:  # what members chose afterwards
            conn.execute(text(
                "INSERT INTO profile_fields VALUES (5, 'prefecture', '14', 'everyone'),"
                " (5, 'age', '', 'friends'), (3, 'birthday', '', 'everyone')"))
        migrations.downgrade(database_url, "0008")
        downgraded = fields(engine)
        migrations.upgrade(database_url, "0009")
        again = fields(engine)
    finally:
        back_at_head(database_url, engine, "profile_fields", "members")
    assert upgraded == AFTER
    assert downgraded == {
        1: {"gender": ("男性", "everyone"), "region": ("東京都", "friends"),
            "hometown": ("大阪府", "everyone")},
        2: {"gender": ("女性", "friends"), "region": ("大阪府", "friends_of_friends")},
        3: {"region": ("東京都 世田谷区", "everyone")},
        4: {"gender": ("女性", "only_me"), "region": ("北海道", "only_me")},
        # a prefecture and a free part make one text, at the stricter visibility
        5: {"gender": ("男性", "everyone"), "region": ("神奈川県 横浜", "friends")},
        6: {"region": ("海外", "everyone"), "hobbies": ("つり", "everyone")},
    }
    assert again == {**AFTER, 5: {"gender": ("male", "everyone"),
                                  "region": ("神奈川県 横浜", "friends")}}
