"""The friends' diaries feed read through the friendships index, and the new-comments count
read through the diaries commented on since, give exactly what a full scan gives, after any
mix of writes through the services."""
from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta

from flask import Flask
from sqlalchemy import select

from keitai.db import db
from keitai.features.blocks import service as blocks
from keitai.features.diary import feed
from keitai.features.diary import service as diaries
from keitai.features.diary.queries import new_comment_count, visible_diary
from keitai.features.friends import service as friends
from keitai.models.block import Block
from keitai.models.diary import Comment, Diary
from keitai.models.friendship import FriendRequest, Friendship
from keitai.privacy import Visibility, are_friends, is_blocked_between

LEVELS = [level.value for level in Visibility]


def _expected(member_id: int) -> list[int]:
    """Return the feed by brute force: every friend's diary the member may read, newest first."""
    friend_ids = set(db.session.scalars(
        select(Friendship.friend_id).where(Friendship.member_id == member_id)))
    blocked = {row.blocker_id if row.blocked_id == member_id else row.blocked_id
               for row in db.session.scalars(select(Block).where(
                   (Block.blocker_id == member_id) | (Block.blocked_id == member_id)))}
    rows = [diary for diary in db.session.scalars(select(Diary))
            if diary.author_id in friend_ids - blocked
            and diary.visibility != Visibility.ONLY_ME.value]
    rows.sort(key=lambda diary: (diary.created_at, diary.id), reverse=True)
    return [diary.id for diary in rows]


def _befriend(a: int, b: int) -> None:
    """Make a and b friends the way a member does: a request, then its acceptance."""
    if are_friends(a, b) or is_blocked_between(a, b):
        return
    asked = db.session.scalar(select(FriendRequest.id).where(
        FriendRequest.sender_id == b, FriendRequest.recipient_id == a))
    if asked is not None:  # b asked first: a accepts
        friends.accept_request(asked, a)
        return
    friends.send_request(a, b, "", True)
    request_id = db.session.scalar(select(FriendRequest.id).where(
        FriendRequest.sender_id == a, FriendRequest.recipient_id == b))
    assert request_id is not None
    friends.accept_request(request_id, b)


def _random_write(rng: random.Random, people: list[int], counter: list[int]) -> None:
    """Do one write a member could do: befriend, unfriend, block, write, edit, delete."""
    a, b = rng.sample(people, 2)
    choice = rng.random()
    own = list(db.session.scalars(select(Diary).where(Diary.author_id == a)))
    if choice < 0.25:
        _befriend(a, b)
    elif choice < 0.3:
        friends.remove_friend(a, b)
    elif choice < 0.33:
        blocks.block(a, b)
    elif choice < 0.38:
        blocks.unblock(a, b)
    elif choice < 0.5:
        _comment_or_read(rng, a, b)
    elif choice < 0.75 or not own:
        counter[0] += 1
        diaries.create_diary(a, f"日記{counter[0]}", "本文", rng.choice(LEVELS),
                             f"k{counter[0]}")
    elif choice < 0.9:
        diary = rng.choice(own)
        diaries.update_diary(diary, diary.title, diary.body, rng.choice(LEVELS))
    else:
        diaries.delete_diary(rng.choice(own).id, a)


def _comment_or_read(rng: random.Random, a: int, b: int) -> None:
    """Comment on one of b's diaries a may read, delete a comment, or let b read theirs."""
    theirs = list(db.session.scalars(select(Diary).where(Diary.author_id == b)))
    if not theirs:
        return
    diary = rng.choice(theirs)
    draw = rng.random()
    if draw < 0.6 and visible_diary(diary.id, a) is not None:
        diaries.add_comment(diary.id, a, "コメント", f"c{rng.random()}")
    elif draw < 0.8:
        comment = db.session.scalar(select(Comment).where(Comment.diary_id == diary.id))
        if comment is not None:
            diaries.delete_comment(diary.id, comment.id, b)
    else:
        diaries.mark_comments_read(diary)


def _expected_new_comments(member_id: int) -> int:
    """Count the comments by others on the member's diaries after they read them, one by one."""
    return sum(1 for comment, diary in db.session.execute(
        select(Comment, Diary).join(Diary, Diary.id == Comment.diary_id)
        .where(Diary.author_id == member_id))
        if comment.author_id != member_id and comment.created_at > diary.owner_read_at)


def _check_every_window(people: list[int]) -> None:
    """Compare every member's feed, at several depths and pages, with the full scan."""
    for member_id in people:
        expected = _expected(member_id)
        assert new_comment_count(member_id) == _expected_new_comments(member_id)
        for limit in (1, 3, 5):
            assert [row.id for row in feed.latest(member_id, limit)] == expected[:limit]
        for offset in (0, 2, 5, 9):
            window = db.session.execute(feed.feed(member_id, 4, offset)).all()
            assert [row.id for row in window] == expected[offset:offset + 4]


def test_the_feed_matches_a_full_scan_after_random_writes(
        app: Flask, member: Callable[[str], int]) -> None:
    rng = random.Random(2007)
    people = [member(f"会員{i}") for i in range(9)]
    counter = [0]
    for _round in range(12):
        for _ in range(15):
            with app.app_context():
                _random_write(rng, people, counter)
                db.session.commit()
        with app.app_context():
            _check_every_window(people)


def test_every_friendship_row_carries_its_friends_latest_readable_diary(
        app: Flask, member: Callable[[str], int]) -> None:
    taro, hanako, jiro = member("たろう"), member("はなこ"), member("じろう")
    with app.app_context():
        first = diaries.create_diary(hanako, "前の日記", "本文", "friends", "a")
        diaries.create_diary(hanako, "ひみつ", "本文", "only_me", "b")
        db.session.commit()
        _befriend(taro, hanako)
        _befriend(jiro, hanako)
        db.session.commit()

        def times() -> set[object]:
            return set(db.session.scalars(select(Friendship.friend_diary_at)
                                          .where(Friendship.friend_id == hanako)))

        first_at = db.session.get(Diary, first).created_at  # type: ignore[union-attr]
        assert times() == {first_at}  # the only_me diary never counts
        newest = diaries.create_diary(hanako, "新しい日記", "本文", "everyone", "c")
        db.session.commit()
        newest_at = db.session.get(Diary, newest).created_at  # type: ignore[union-attr]
        assert times() == {newest_at}
        diaries.update_diary(db.session.get(Diary, newest), "新しい日記", "本文", "only_me")
        db.session.commit()
        assert times() == {first_at}
        diaries.delete_diary(first, hanako)
        db.session.commit()
        assert times() == {None}


def test_two_diaries_written_out_of_order_leave_the_newer_time(
        app: Flask, member: Callable[[str], int]) -> None:
    taro, hanako = member("たろう"), member("はなこ")
    with app.app_context():
        _befriend(taro, hanako)
        newer = diaries.create_diary(hanako, "後", "本文", "everyone", "a")
        db.session.commit()
        newer_at = db.session.get(Diary, newer).created_at  # type: ignore[union-attr]
        older_at = newer_at - timedelta(minutes=5)
        # a diary that reaches the database later with an earlier time moves nothing back
        assert feed.diary_written(hanako, older_at, "everyone") == [taro]
        assert db.session.scalar(select(Friendship.friend_diary_at).where(
            Friendship.member_id == taro)) == newer_at
