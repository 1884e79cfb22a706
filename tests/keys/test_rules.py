"""The key-map rules catch each way a page can break them (so the crawl's test can fail)."""
from __future__ import annotations

import pytest

from keitai.gateway import keymap
from tests.keys.rules import Link, back_problems, links_of, problems


def link(key: str | None, label: str, target: str) -> Link:
    """Return a link whose target holds no split-page part."""
    return Link(key, label, target, target)


TOP = link("0", "トップ", "/")


def test_a_page_that_keeps_the_map_has_no_problems() -> None:
    page = [link("1", "日記を書く", "/diary/new"), link("2", "マイミク", "/friends"),
            link(None, "削除", "/diary/1/comments/1/delete"),
            link(None, "削除", "/diary/1/comments/2/delete"),  # a row's action: may repeat
            link("4", "前へ", "/diary?page=1"), link("6", "次へ", "/diary?page=3"),
            Link("*", "▲前", "/diary/1", "/diary/1?pp=1"),
            Link("#", "▼次", "/diary/1", "/diary/1?pp=3"),
            link("9", "たろうさんのページ", "/members/1"), TOP]
    assert problems(page, "/diary/1") == []


@pytest.mark.parametrize(("links", "says"), [
    ([link("0", "ホーム", "/")], "0 is 'ホーム'"),
    ([link("0", "トップ", "/home")], "0 is 'トップ' to /home"),
    ([link("3", "日記に戻る", "/diary/1")], "the back link '日記に戻る' is on 3"),
    ([link(None, "戻る", "/diary/1")], "the back link '戻る' is on None"),
    ([link("5", "前へ", "/l?page=1")], "'前へ' is on 5"),
    ([link(None, "次へ", "/l?page=3")], "'次へ' has no access key"),
    ([link("4", "ミニメール", "/messages")], "'ミニメール' is on 4"),
    ([link("#", "次へ", "/d?pp=2")], "'次へ' is on #"),
    ([link("*", "前の写真", "/photos/1")], "'前の写真' is on *"),
    ([link("3", "トピックを作成", "/t/new"), link("1", "参加する", "/join")],
     "the main write action 'トピックを作成' is on 3"),
    ([link("2", "受信箱", "/messages"), link("2", "送信箱", "/messages/sent")], "key '2'"),
    ([link(None, "トップ", "/"), link("0", "トップ", "/"), link(None, "戻る", "/a"),
      link("9", "戻る", "/b")], "label '戻る'"),
    ([link("2", "日記", "/diary/1"), link("3", "日記", "/diary/2")], "label '日記'"),
    ([link("2", "日記", "/diary/1")], "no トップ on 0"),
])
def test_each_rule_finds_what_breaks_it(links: list[Link], says: str) -> None:
    found = problems([*links, TOP] if says != "no トップ on 0" else links, "/page")
    assert any(says in problem for problem in found), found


def test_the_top_page_needs_no_link_to_itself() -> None:
    assert problems([link("1", "ログイン", "/login")], "/") == []


def test_back_goes_up_not_down() -> None:
    pages = {
        "member /members/1": [link("9", "マイミク22人", "/members/1/friends"), TOP],
        "member /members/1/friends": [link("9", "たろうさんのページ", "/members/1"), TOP],
        "member /settings": [link("5", "メール投稿", "/settings/mail_post"), TOP],
        "member /settings/mail_post": [link("9", "設定に戻る", "/settings"), TOP],
        "member /diary/3": [link("9", "この端末の情報", "/handset"), TOP],
        "member /handset": [TOP],
    }
    found = back_problems(pages)
    # two pages that go back to each other are both named: one of them goes down
    assert set(found) == {"member /members/1", "member /members/1/friends",
                          "member /diary/3"}, found


def test_links_are_read_without_their_key_marks() -> None:
    page = ('<html><body><a href="/diary?ksid=S&amp;guid=ON" accesskey="9">9\u20e3戻る</a>'
            '<a href="/x?pp=2" accesskey="#">[#]▼次</a><a href="/y" accesskey="1">'
            '\ue6e2日記</a><a href="mailto:a@b">mail</a></body></html>')
    assert links_of(page, "http://keitai.test/a", xml=False) == [
        Link("9", "戻る", "/diary", "/diary"), Link("#", "▼次", "/x", "/x?pp=2"),
        Link("1", "日記", "/y", "/y")]


def test_the_map_keeps_its_keys_apart() -> None:
    keys = [keymap.HOME, keymap.BACK, keymap.WRITE, keymap.PREV, keymap.NEXT,
            keymap.PART_PREV, keymap.PART_NEXT]
    assert len(set(keys)) == len(keys)
    assert not set(keymap.MENU) & keymap.RESERVED and keymap.WRITE == keymap.MENU[0]
    assert len({keymap.PREV_LABEL, keymap.NEXT_LABEL, keymap.PART_PREV_LABEL,
                keymap.PART_NEXT_LABEL}) == 4
