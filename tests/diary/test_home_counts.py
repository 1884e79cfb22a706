"""What the home page asks of diaries: new comments on mine, my friends' latest diaries."""
from __future__ import annotations

from keitai.features.diary.queries import friends_latest, new_comment_count
from tests.diary.factories import add_comment, add_diaries


def _new_comments(app, member_id: int) -> int:  # type: ignore[no-untyped-def]
    with app.app_context():
        return new_comment_count(member_id)


def test_new_comments_count_others_comments_on_my_diaries_until_i_read_them(
        app, member, browse) -> None:
    taro, hanako = member("たろう"), member("はなこ")
    first, second = add_diaries(app, taro, ["一つ目", "二つ目"])
    [hers] = add_diaries(app, hanako, ["はなこの日記"])
    add_comment(app, first, hanako)
    add_comment(app, first, hanako)
    add_comment(app, second, hanako)
    add_comment(app, first, taro, "自分の返事")
    add_comment(app, hers, taro)
    assert _new_comments(app, taro) == 3
    browser = browse("docomo-N505i", taro)
    listing = browser.text(browser.get(f"/members/{taro}/diary"))
    assert "新着2" in listing and "新着1" in listing
    browser.get(f"/diary/{first}")
    assert _new_comments(app, taro) == 1
    add_comment(app, first, hanako, "また来たよ")
    assert _new_comments(app, taro) == 2
    browser.get(f"/diary/{first}")
    browser.get(f"/diary/{second}")
    assert _new_comments(app, taro) == 0
    assert "新着" not in browser.text(browser.get(f"/members/{taro}/diary"))


def test_a_deleted_comment_is_no_longer_new(app, member, browse) -> None:
    taro, hanako = member("たろう"), member("はなこ")
    [diary] = add_diaries(app, taro, ["日記"])
    comment = add_comment(app, diary, hanako)
    assert _new_comments(app, taro) == 1
    browser = browse("pc-Firefox", hanako)
    browser.submit(browser.get(f"/diary/{diary}/comments/{comment}/delete"), {})
    assert _new_comments(app, taro) == 0


def test_friends_latest_diaries_are_newest_first_with_their_authors(
        app, member, friends, blocks) -> None:
    me, hanako, jiro, saburo, stranger = (member(n) for n in ("たろう", "はなこ", "じろう",
                                                              "さぶろう", "よそ"))
    for friend in (hanako, jiro, saburo):
        friends(me, friend)
    add_diaries(app, hanako, ["花1", "花2"], minutes_ago=60)
    add_diaries(app, jiro, ["次1"], visibility="friends_of_friends", minutes_ago=30)
    add_diaries(app, jiro, ["次の秘密"], visibility="only_me")
    add_diaries(app, saburo, ["三の日記"])
    add_diaries(app, stranger, ["よその日記"])
    add_diaries(app, me, ["自分の日記"])
    blocks(saburo, me)
    with app.app_context():
        rows = friends_latest(me, 2)
        everything = friends_latest(me, 10)
    assert [(row.title, row.author_nickname) for row in rows] == [("次1", "じろう"),
                                                                  ("花2", "はなこ")]
    assert [row.title for row in everything] == ["次1", "花2", "花1"]
    assert {"id", "title", "created_at", "author_id", "author_nickname",
            "comment_count"} <= set(rows[0]._fields)
