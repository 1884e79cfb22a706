"""SQL statements per page stay the same however many friends, diaries and comments exist."""
from __future__ import annotations

import pytest

from keitai.features.diary.queries import friends_latest, new_comment_count
from tests.diary.factories import add_comment, add_diaries
from tests.sql import counting_sql

PAGES = ["/members/{owner}/diary", "/members/{friend}/diary", "/diary/{diary}",
         "/diary/{diary}?page=2", "/diary/friends", "/diary/friends?page=2", "/"]


def build(app, member, friends, size: int) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Make a member with `size` friends, each with diaries and comments on them."""
    owner = member("たろう")
    friend_ids = [member(f"マイミク{i}") for i in range(size)]
    for friend in friend_ids:
        friends(owner, friend)
        add_diaries(app, friend, [f"日記{j}" for j in range(3)], visibility="friends")
    [diary] = add_diaries(app, friend_ids[0], ["人気の日記"])
    own = add_diaries(app, owner, [f"自分の日記{j}" for j in range(size)])
    for i, friend in enumerate(friend_ids * 2):
        add_comment(app, diary, friend, f"コメント{i}")
        add_comment(app, own[i % len(own)], friend, f"コメント{i}")
    return {"owner": owner, "friend": friend_ids[0], "diary": diary}


def statements_per_page(app, browse, ids: dict[str, int]) -> dict[str, int]:  # type: ignore[no-untyped-def]
    browser = browse("docomo-P903i", ids["owner"])
    counts = {}
    for page in PAGES:
        path = page.format(**ids)
        browser.get(path)  # the first view may write (comments read); count the next one
        with counting_sql(app) as statements:
            response = browser.get(path)
        assert response.status_int == 200
        counts[page] = len(statements)
    with app.app_context(), counting_sql(app) as statements:
        latest = friends_latest(ids["owner"], 5)
        new_comment_count(ids["owner"])
    assert len(latest) == 5
    counts["friends_latest + new_comment_count"] = len(statements)
    return counts


@pytest.mark.parametrize("size", [2, 25])
def test_diary_pages_run_a_fixed_number_of_statements(app, member, browse, friends,
                                                      size: int) -> None:
    counts = statements_per_page(app, browse, build(app, member, friends, size))
    assert counts == EXPECTED


#: statements per page: the session and the member (2), then the page's own reads
EXPECTED = {
    "/members/{owner}/diary": 3,
    "/members/{friend}/diary": 4,  # + the member, unless a block stands between
    # the diary with its author, a page of comments with theirs, the diary's photos
    "/diary/{diary}": 5,
    "/diary/{diary}?page=2": 5,
    "/diary/friends": 3,
    "/diary/friends?page=2": 3,
    "/": 9,  # home: the counters in one statement, the friends' latest diaries, the latest
    # topics of my communities, the latest announcements, the ones I read, my unread notices,
    # the news headlines (the latest picks and the newest items in one statement)
    "friends_latest + new_comment_count": 2,
}
