"""A long diary on a handset with a 5 KB page limit: split into parts, nothing lost."""
from __future__ import annotations

import re

from tests.diary.browsing import check_page, parts

TAGS = re.compile(r"<[^>]+>")


def long_body() -> str:
    """Return a body of about 4 900 characters: numbered sentences, some with a ☀."""
    lines = [f"{i:03d}番目の文です。今日は{'☀' if i % 3 == 0 else ''}いい天気でした。"
             for i in range(1, 221)]
    return "\n".join(lines)



def test_a_long_diary_reaches_a_5kb_handset_in_parts_each_within_the_limit_and_whole(
        member, browse) -> None:
    taro = member("たろう")
    pc = browse("pc-Firefox", taro)
    body = long_body()
    assert 4500 < len(body) <= 5000
    done = pc.submit(pc.get("/diary/new"),
                     {"title": "長い日記", "body": body, "visibility": "everyone"})
    path = pc.location(done)

    handset = browse("docomo-D501i", taro)
    assert handset.handset.page_limit_bytes == 5 * 1024
    pieces = parts(handset, path)
    assert len(pieces) >= 3
    assert all(len(piece) <= 5 * 1024 for piece in pieces)
    text = "".join(TAGS.sub("", piece.decode("cp932")) for piece in pieces)
    sun = b"\xf8\x9f".decode("cp932")
    expected = [line.replace("☀", sun) for line in body.split("\n")]
    positions = [text.find(line) for line in expected]
    missing = [line for line, at in zip(expected, positions, strict=True) if at == -1]
    assert missing == []
    assert positions == sorted(positions)
    assert "1/" in pieces[0].decode("cp932") and "\u9577い日記" in pieces[-1].decode("cp932")


def test_a_diary_too_long_for_the_handsets_page_keeps_its_body_when_edited_there(
        app, member, browse) -> None:
    from tests.diary.factories import add_diaries

    taro = member("たろう")
    [diary_id] = add_diaries(app, taro, ["長い日記"], body=long_body())
    handset = browse("docomo-D501i", taro)
    form = handset.get(f"/diary/{diary_id}/edit")
    text = check_page(handset, form)
    assert "この端末では本文を編集できません" in text and "<textarea" not in text
    handset.submit(form, {"title": "長い日記(改)", "visibility": "friends"})
    pc = browse("pc-Firefox", taro)
    shown = pc.get(f"/diary/{diary_id}").text
    assert "長い日記(改)" in shown and "220番目の文です。" in shown
