"""The search page on every handset: the form, results with the found words marked, pages
within the handset's byte limit, and every kind of bad query answered with a short message."""
from __future__ import annotations

import re

import pytest

from keitai.search import results
from tests.handsets import PAGE_PROFILES
from tests.search.conftest import hit_links, hits, search, search_url
from tests.social.conftest import access_key


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_the_form_and_its_results_on_every_handset(app, member, logged_in, diary, index,
                                                   name) -> None:
    author, reader = member("たろう"), member("はなこ")
    diary_id = diary(author, "東京でラーメン", "拉麺がおいしかった☀")
    index()
    browser = logged_in(name, reader)
    form = browser.page("/search")
    assert 'name="q"' in form and 'name="kind"' in form and 'name="pref"' in form
    assert re.search(r'<select(?: id="f-gender")? name="gender">', form)
    assert 'name="age_min"' in form
    page = search(browser, "とうきょう")
    assert hits(page) == ["東京でラーメン"]
    assert hit_links(page) == [f"/diary/{diary_id}"]
    marked = re.search(r"<a href=\"[^\"]*\">(.*?)</a>", page.split("<hr")[0].split("</h1>")[-1]
                       if "</h1>" in page else page, re.S)
    assert marked is not None
    # the found word stands out: bold where the browser reads <b>, else in colour
    assert re.search(r"<b>東京</b>|<font color=\"#ff6600\">東京</font>|"
                     r"<span style=\"color:#ff6600;\">東京</span>|(?<![>\w])東京", page)
    if browser.handset.color and name != "docomo-N505i":
        assert "<b>東京</b>" in page or "#ff6600" in page
    assert access_key(page, "0", "トップ")


def test_the_found_words_are_marked_where_they_were_found(app, member, logged_in, diary,
                                                          index) -> None:
    author, reader = member("たろう"), member("はなこ")
    diary(author, "ﾗｰﾒﾝ日記", "今日は東京で拉麺を食べた。" * 3)
    index()
    page = search(logged_in("pc-Firefox", reader), "らーめん とうきょう")
    assert "<b>ﾗｰﾒﾝ</b>日記" in page
    assert "<b>東京</b>で<b>拉麺</b>を" in page


def test_home_and_the_community_list_link_to_the_search(app, member, logged_in) -> None:
    browser = logged_in("docomo-P903i", member("たろう"))
    assert re.search(r"<a href=\"/search[^\"]*\">検索</a>", browser.page("/"))
    page = browser.page("/communities")
    assert re.search(r'<a href="/search\?kind=communities[^"]*">コミュニティを検索</a>', page)
    assert 'value="communities" selected' in browser.page("/search?kind=communities")


@pytest.mark.parametrize("newest", [3, 15, 5000])
@pytest.mark.parametrize("name", ["docomo-N505i", "au-W53CA", "softbank-930SH", "pc-Firefox"])
def test_results_come_a_page_at_a_time_newest_first(app, member, logged_in, diary, index,
                                                    monkeypatch, name, newest) -> None:
    # PostgreSQL first tries the newest documents: a window smaller than a page, one that
    # holds the first page only, and one that holds everything all page the same
    monkeypatch.setattr(results, "NEWEST", newest)
    author, reader = member("たろう"), member("はなこ")
    made = [diary(author, f"猫の話☀{n}") for n in range(23)]
    diary(author, "犬の話☀")
    index()
    browser = logged_in(name, reader)
    seen: list[str] = []
    # the words as the handset typed them, an emoji among them, carried by every page link
    charset = "cp932" if browser.handset.charset == "shift_jis" else "utf-8"
    url = search_url(browser, "猫".encode(charset) + b" " + browser.sun())
    for _page in range(10):
        page = browser.whole(url)  # every part, each within the handset's byte limit
        seen += hits(page)
        following = re.search(r'<a href="([^"]*)" accesskey="6">', page)
        if following is None:
            break
        url = following.group(1).replace("&amp;", "&")
    # every diary once, newest first (the ☀ of each title is the handset's own emoji)
    assert [re.sub(r"\D", "", title) for title in seen] == [
        str(n) for n in reversed(range(len(made)))]
    assert all(title.startswith("猫の話") for title in seen)
    back = re.search(r'<a href="([^"]*)" accesskey="4">', page)
    assert back is not None  # the last page leads back
    assert hits(browser.whole(back.group(1).replace("&amp;", "&")))[0] != seen[-1]


@pytest.mark.parametrize("name", PAGE_PROFILES)
@pytest.mark.parametrize(("q", "message"), [
    ("", "検索する言葉を入力してください。"),
    ("　 ", "検索する言葉を入力してください。"),
    ("\"*()^:-", "検索する言葉を入力してください。"),
    ("猫" * 101, "検索する言葉は100文字以内で入力してください。"),
    ("a b c d e f", "検索する言葉は5つまでです。"),
])
def test_a_query_that_cannot_be_searched_gets_a_short_message(app, member, logged_in, name,
                                                              q, message) -> None:
    browser = logged_in(name, member("はなこ"))
    page = search(browser, q)
    assert message in page
    assert hits(page) == []
    assert 'name="q"' in page  # the form is there to try again


@pytest.mark.parametrize("name", ["docomo-P903i", "softbank-V602T", "pc-Firefox"])
def test_a_query_of_a_thousand_characters_is_refused_with_a_short_message(
        app, member, logged_in, name) -> None:
    browser = logged_in(name, member("はなこ"))
    response = browser.get(search_url(browser, "猫" * 1000), status=414)
    assert response.content_type in ("text/html", "application/xhtml+xml")
    assert len(browser.text(response)) < 2000  # a short page in the handset's charset


@pytest.mark.parametrize("q", ['"猫"', "猫*", "NEAR(猫 犬)", "猫 OR 犬", "猫 AND NOT",
                               "{bi} : 猫", "^猫", "猫'); DROP TABLE diaries; --", "%", "_"])
def test_engine_syntax_in_a_query_is_only_text(app, member, logged_in, diary, index,
                                               q) -> None:
    author, reader = member("たろう"), member("はなこ")
    diary(author, "猫の日")
    index()
    browser = logged_in("docomo-P903i", reader)
    response = browser.get(search_url(browser, q))
    assert response.status_int == 200
    assert hits(search(browser, "猫")) == ["猫の日"]  # nothing was dropped


@pytest.mark.parametrize("name", ["docomo-P903i", "au-W53CA"])
def test_broken_shift_jis_in_a_query_gets_a_short_message_in_the_handsets_charset(
        app, member, logged_in, name) -> None:
    browser = logged_in(name, member("はなこ"))
    response = browser.get("/search?kind=diaries&q=%82", status=400)
    assert response.content_type in ("text/html", "application/xhtml+xml")
    assert "文字" in browser.text(response)


def test_an_unknown_kind_searches_members(app, member, logged_in, index) -> None:
    browser = logged_in("docomo-P903i", member("はなこ"))
    index()
    page = search(browser, "はなこ", kind="everything")
    assert hits(page) == ["はなこ"]
    assert 'value="members" selected' in page


def test_each_kind_leads_to_its_pages(app, member, logged_in, diary, community, topic,
                                      index) -> None:
    admin, reader = member("猫好きたろう"), member("はなこ")
    group = community(admin, "猫の集い", description="猫について語ろう")
    topic_id = topic(group, admin, "猫の写真", "うちの猫です")
    diary_id = diary(admin, "猫日記")
    index()
    browser = logged_in("au-W53CA", reader)
    assert hit_links(search(browser, "猫", kind="members")) == [f"/members/{admin}"]
    assert hit_links(search(browser, "猫", kind="communities")) == [f"/communities/{group}"]
    assert hit_links(search(browser, "猫", kind="topics")) == [f"/topics/{topic_id}"]
    assert hit_links(search(browser, "猫", kind="diaries")) == [f"/diary/{diary_id}"]


@pytest.mark.parametrize("writer", ["au-W53CA", "softbank-J-SH51", "smartphone-iPhone"])
def test_a_sun_written_on_one_carrier_is_found_with_a_sun_typed_on_every_other(
        app, member, logged_in, index, writer) -> None:
    author, reader = member("たろう"), member("はなこ")
    typing = logged_in(writer, author)
    form = typing.get("/diary/new")
    charset = "cp932" if typing.handset.charset == "shift_jis" else "utf-8"
    sent = typing.send(form, {"title": "晴れ".encode(charset) + typing.sun(),
                              "body": "いい天気".encode(charset)})
    assert sent.status_int == 302
    index()
    for name in PAGE_PROFILES:
        browser = logged_in(name, reader)
        typed = "☀\ufe0f".encode() if name == "smartphone-iPhone" else browser.sun()
        found = hits(search(browser, typed))
        assert len(found) == 1 and found[0].startswith("晴れ"), name


@pytest.mark.parametrize("space", [" ", "　", "  　 "])
def test_every_word_must_be_found_whatever_space_is_between_them(app, member, logged_in,
                                                                diary, index,
                                                                space) -> None:
    author, reader = member("たろう"), member("はなこ")
    diary(author, "渋谷でラーメン", "おいしかった")
    diary(author, "新宿でラーメン", "まずかった")
    diary(author, "渋谷でカレー", "おいしかった")
    index()
    browser = logged_in("docomo-P903i", reader)
    assert hits(search(browser, f"ﾗｰﾒﾝ{space}渋谷")) == ["渋谷でラーメン"]
    assert hits(search(browser, f"おいしかった{space}渋谷")) == ["渋谷でカレー", "渋谷でラーメン"]
    assert hits(search(browser, f"ラーメン{space}カレー")) == []
    # one character and two: found inside longer words
    assert hits(search(browser, "谷")) == ["渋谷でカレー", "渋谷でラーメン"]
    assert hits(search(browser, "宿で")) == ["新宿でラーメン"]
