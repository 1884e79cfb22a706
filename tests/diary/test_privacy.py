"""Who reads a diary and its comments: viewer × visibility × friendship × block.

Every page that lists or shows diaries is asked, and the answers must agree: the diary page,
the member's diary list, friends' diaries, the home page, and the comment form.
"""
from __future__ import annotations

import pytest

from tests.diary.factories import add_comment, add_diaries, comment_count
from tests.handsets import page_forms

VISIBILITIES = ["everyone", "friends", "friends_of_friends", "only_me"]
RELATIONS = ["owner", "friend", "friend_of_friend", "stranger"]
BLOCKS = ["none", "owner_blocked_viewer", "viewer_blocked_owner"]


def may_read(visibility: str, relation: str, block: str) -> bool:
    """Return the rule as the product states it."""
    if relation == "owner":
        return True
    if block != "none":
        return False
    return {"everyone": True, "friends": relation == "friend",
            "friends_of_friends": relation in ("friend", "friend_of_friend"),
            "only_me": False}[visibility]


def what_the_viewer_gets(app, browser, owner: int, diary_id: int) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Ask every page that could show the diary; try to comment on it."""
    page = browser.get(f"/diary/{diary_id}", expect_errors=True)
    listing = browser.get(f"/members/{owner}/diary", expect_errors=True)
    csrf = page_forms(browser.get("/diary/new"))[0].fields["csrf_token"]
    before = comment_count(app, diary_id)
    sent = browser.client.post(f"/diary/{diary_id}/comments",
                               {"csrf_token": csrf, "body": "こんにちは"}, expect_errors=True)
    return {
        "diary page": (page.status_int, "秘密の花園" in page.text),
        "refusal": "日記が見つからないか、公開されていません" in page.text,
        "diary list": (listing.status_int, "秘密の花園" in listing.text),
        "friends' diaries": "秘密の花園" in browser.get("/diary/friends").text,
        "home": "秘密の花園" in browser.get("/").text,
        "comment": (sent.status_int, comment_count(app, diary_id) - before),
    }


@pytest.mark.parametrize("block", BLOCKS)
@pytest.mark.parametrize("visibility", VISIBILITIES)
def test_who_reads_a_diary(app, member, browse, friends, blocks, visibility: str,
                           block: str) -> None:
    owner, friend, middle, far, stranger = (
        member(n) for n in ("はなこ", "たろう", "じろう", "さぶろう", "よそもの"))
    friends(owner, friend)
    friends(owner, middle)
    friends(middle, far)
    viewers = {"owner": owner, "friend": friend, "friend_of_friend": far,
               "stranger": stranger}
    for relation, viewer in viewers.items():
        if relation != "owner" and block == "owner_blocked_viewer":
            blocks(owner, viewer)
        elif relation != "owner" and block == "viewer_blocked_owner":
            blocks(viewer, owner)
    [diary_id] = add_diaries(app, owner, ["秘密の花園"], visibility=visibility)
    for relation, viewer in viewers.items():
        readable = may_read(visibility, relation, relation != "owner" and block or "none")
        blocked = relation != "owner" and block != "none"
        got = what_the_viewer_gets(app, browse("pc-Firefox", viewer), owner, diary_id)
        assert got == {
            "diary page": (200, True) if readable else (404, False),
            "refusal": not readable,
            "diary list": (404 if blocked else 200, readable),
            "friends' diaries": readable and relation == "friend",
            "home": readable and relation == "friend",
            "comment": (302, 1) if readable else (404, 0),
        }, relation


COMMENT_BLOCKS = ["none", "viewer_blocked_commenter", "commenter_blocked_viewer"]


@pytest.mark.parametrize("viewer_is_owner", [True, False])
@pytest.mark.parametrize("block", COMMENT_BLOCKS)
def test_who_sees_a_comment(app, member, browse, blocks, block: str,
                            viewer_is_owner: bool) -> None:
    owner, commenter = member("はなこ"), member("じろう")
    viewer = owner if viewer_is_owner else member("たろう")
    [diary_id] = add_diaries(app, owner, ["みんなの日記"])
    add_comment(app, diary_id, commenter, "じろうのコメント")
    add_comment(app, diary_id, owner, "はなこの返事")
    if block == "viewer_blocked_commenter":
        blocks(viewer, commenter)
    elif block == "commenter_blocked_viewer":
        blocks(commenter, viewer)
    text = browse("pc-Firefox", viewer).get(f"/diary/{diary_id}").text
    # the diary's author sees every comment on it, to be able to delete any of them
    assert ("じろうのコメント" in text) is (viewer_is_owner or block == "none")
    assert "はなこの返事" in text


@pytest.mark.parametrize("who_blocked", ["owner", "commenter"])
def test_a_block_between_commenter_and_author_stops_new_comments(
        app, member, browse, blocks, who_blocked: str) -> None:
    owner, commenter = member("はなこ"), member("じろう")
    [diary_id] = add_diaries(app, owner, ["みんなの日記"])
    browser = browse("docomo-P903i", commenter)
    page = browser.get(f"/diary/{diary_id}")
    if who_blocked == "owner":
        blocks(owner, commenter)
    else:
        blocks(commenter, owner)
    refused = browser.submit(page, {"body": "こんにちは"}, expect_errors=True)
    assert refused.status_int == 404
    assert "日記が見つからないか、公開されていません" in browser.text(refused)
    assert comment_count(app, diary_id) == 0
