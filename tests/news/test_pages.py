"""The news pages: the top (ピックアップ, the ten categories on their keys, the newest), a
category's headlines a handset's page at a time, the picks, one item with its way out through
/exit; on every kind of handset, without an error for the site checker."""
from __future__ import annotations

import re

import pytest

from keitai.features.news.categories import CATEGORIES
from keitai.gateway import keymap
from tests.friend_lists.test_every_page import no_checker_errors
from tests.news.conftest import HANDSETS, add_item, plain
from tests.social.conftest import access_key

#: an <a href> on the page, whatever it points at
HREF = re.compile(r'href="([^"]*)"')


def headlines(text: str) -> list[str]:
    """Return the headline titles on a page, in order."""
    return re.findall(r"((?:国内|スポーツ)のニュース\d+)", plain(text))


@pytest.mark.parametrize("name", HANDSETS)
def test_every_news_page_fits_the_handset_with_top_on_key_0(app, member, logged_in, newsroom,
                                                             name) -> None:
    browser = logged_in(name, member("わたし"))
    item = newsroom["domestic"][3]
    for path in ["/news", "/news?page=2", "/news/domestic", "/news/domestic?page=2",
                 "/news/sports", "/news/pickup", "/news/column", f"/news/{item}"]:
        text = browser.page(path)
        assert access_key(text, "0", "トップ"), path
        no_checker_errors(app, browser, path, browser.get(path))


@pytest.mark.parametrize("name", ["docomo-N505i", "au-W53CA", "softbank-J-SH51", "pc-Firefox"])
def test_the_top_shows_the_picks_then_the_ten_categories_on_the_free_keys_then_the_newest(
        app, member, logged_in, newsroom, name) -> None:
    browser = logged_in(name, member("わたし"))
    text = browser.whole("/news")  # a small handset gets it in parts: read them all
    picks = plain(text[:text.index("カテゴリ")])
    assert picks.index("国内のニュース05") < picks.index("スポーツのニュース2")
    assert "(スポーツ速報)" in picks
    # the menu keys of the key map (4, 6 and 9 are the pager's and back): the rest go keyless
    for key, category in zip(keymap.MENU, CATEGORIES, strict=False):
        assert access_key(text, key, category.label), category
    for category in CATEGORIES[len(keymap.MENU):]:
        assert f">{category.label}</a>" in text, category
        assert not any(access_key(text, key, category.label) for key in "0123456789*#")
    for category in CATEGORIES:  # no category takes a key the map keeps for its own meaning
        assert not any(access_key(text, key, category.label) for key in keymap.RESERVED)
    assert "コラム</a>" in text and not access_key(text, "0", "コラム")
    newest = text[text.index("新着ニュース"):]
    assert headlines(newest)[:3] == ["国内のニュース00", "国内のニュース01", "国内のニュース02"]
    assert access_key(text, "6", "次へ")  # the pager has the key map's 6, the categories do not


def test_a_category_lists_its_headlines_newest_first_a_short_page_at_a_time(
        app, member, logged_in, newsroom) -> None:
    me = member("わたし")
    small = logged_in("docomo-D501i", me)
    first = small.page("/news/domestic")
    assert headlines(first) == [f"国内のニュース{n:02d}" for n in range(10)]
    assert access_key(first, "6", "次へ") and access_key(first, "9", "ニュース")
    third = small.page("/news/domestic?page=3")
    assert headlines(third) == [f"国内のニュース{n:02d}" for n in range(20, 25)]
    assert access_key(third, "4", "前へ") and not access_key(third, "6", "次へ")
    large = logged_in("pc-Firefox", me).page("/news/domestic")
    assert len(headlines(large)) == 20
    # each line: the time, the title, the source
    line = next(line for line in plain(first).split("\n") if "国内のニュース00" in line)
    assert re.fullmatch(r"\d\d/\d\d \d\d:\d\d 国内のニュース00\(けいたい新聞\)", line.strip())
    sports = small.page("/news/sports")
    assert headlines(sports) == [f"スポーツのニュース{n}" for n in range(3)]


def test_pickup_lists_the_picks_newest_pick_first(app, member, logged_in, newsroom) -> None:
    text = logged_in("docomo-P903i", member("わたし")).page("/news/pickup")
    assert headlines(text) == ["国内のニュース05", "スポーツのニュース2"]
    assert "ピックアップのニュース" in text


@pytest.mark.parametrize("name", HANDSETS)
def test_an_item_shows_its_summary_and_leaves_for_its_source_only_through_exit(
        app, member, logged_in, name) -> None:
    item = add_item(app, "駅前にイルミネーション", category="local", source="まちかどニュース",
                    summary="20万球が点灯しました。\n1月まで毎日。",
                    link="https://local.example.com/2026/12/lights.html?a=1&b=2")
    browser = logged_in(name, member("わたし"))
    text = browser.page(f"/news/{item}")
    words = plain(text)
    assert "駅前にイルミネーション" in words and "まちかどニュース" in words
    assert "20万球が点灯しました。" in words and "1月まで毎日。" in words
    assert access_key(text, "1", "元記事を読む") and access_key(text, "2", "日記に書く")
    assert access_key(text, "3", "地域のニュース")
    links = [link.replace("&amp;", "&") for link in HREF.findall(text)]
    offsite = [link for link in links if "example.com" in link]
    assert offsite and all(link.startswith("/exit?") for link in offsite), offsite
    assert not any(link.startswith("http") for link in links), links
    out = browser.click(browser.get(f"/news/{item}"), "元記事を読む")
    assert "local.example.com" in browser.text(out)


@pytest.mark.parametrize("name", ["docomo-N505i", "au-W53CA", "softbank-J-SH51", "pc-Firefox"])
def test_an_unknown_category_or_item_is_404_in_the_handsets_charset(app, member, logged_in,
                                                                     name) -> None:
    browser = logged_in(name, member("わたし"))
    codec = "cp932" if browser.handset.charset == "shift_jis" else "utf-8"
    for path, said in (("/news/weather", "このカテゴリはありません。"),
                       ("/news/999999", "このニュースは見つかりません。"),
                       ("/news/99999999999999", "見つかりません")):
        response = browser.get(path, expect_errors=True)
        assert response.status_int == 404, path
        assert said in response.body.decode(codec), path


@pytest.mark.parametrize("name", ["docomo-N505i", "docomo-P903i", "au-W53CA", "softbank-J-SH51",
                                  "softbank-930SH"])
def test_headlines_with_emoji_and_odd_characters_render_safely(app, member, logged_in,
                                                               name) -> None:
    odd = "新作🎮発表<b>&\"𠮷野家\"の☀"
    item = add_item(app, odd, category="game", source="ゲーム<情報>",
                    summary="高橋さん🍣と〜ＡＢＣｱｲｳ")
    browser = logged_in(name, member("わたし"))
    for path in ("/news/game", f"/news/{item}", "/news"):
        text = browser.page(path)  # in the handset's charset, well-formed where XHTML
        assert "<b>" not in text and "&lt;b&gt;" in text, path
        assert "ゲーム&lt;情報&gt;" in text, path
        no_checker_errors(app, browser, path, browser.get(path))


def test_news_is_for_members_only(app, newsroom) -> None:
    from tests.handsets import client_for

    visitor = client_for(app, "docomo-P903i")
    for path in ("/news", "/news/domestic", f"/news/{newsroom['domestic'][0]}"):
        response = visitor.get(path, expect_errors=True)
        assert response.status_int in (302, 303) and "/login" in response.location, path
