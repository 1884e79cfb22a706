"""Splitting a page over the handset's byte limit into numbered pages."""
from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from html.parser import HTMLParser

import pytest

from keitai.gateway.split import BODY_END, BODY_START, PageTooSmall, split_page

HEAD = '<html><head><title>日記</title></head><body><div>ﾏｲﾐｸの日記</div><hr />'
TAIL = '<hr /><a href="/" accesskey="0">0 トップ</a></body></html>'
FORM = ('<form action="/diary/1/comment" method="post"><input type="hidden" name="csrf_token"'
        ' value="abc" /><textarea name="body" rows="3">コメント&amp;、。\n書いてね</textarea>'
        '<select name="mood"><option value="1">☀</option><option value="2">雨</option></select>'
        '<input type="submit" value="送信" /></form>')
SEQUENCES = ["1\u20e3", "#\ufe0f\u20e3", "\u2600\ufe0f",
             "\U0001f468\u200d\U0001f469\u200d\U0001f467", "\U0001f1ef\U0001f1f5", "ｶﾞ",
             "\ud83d\ude00", "1&#x20e3;", "&#x1F1EF;&#x1F1F5;", "&#x2600;\ufe0f",
             "\U0001f468\u200d&#x1F469;"]
REFERENCE = re.compile(r"&(?:#[0-9]+|#x[0-9A-Fa-f]+|[a-z]+);")
EMPTY = re.compile(r"<([a-z0-9]+)(?: [^>]*)?></\1>")
EMOJI_RUN = re.compile("[\u2600-\u26ff]+")


def cp932(text: str) -> int:
    """Measure as a docomo page: Shift_JIS, characters outside it as references."""
    return len(text.encode("cp932", "xmlcharrefreplace"))


def utf8(text: str) -> int:
    """Measure as a SoftBank 3G page: UTF-8."""
    return len(text.encode("utf-8", "xmlcharrefreplace"))


def webcode(text: str) -> int:
    """Measure as an old SoftBank page: a run of emoji shares one 3-byte escape, 2 bytes each."""
    runs = EMOJI_RUN.findall(text)
    return cp932(EMOJI_RUN.sub("", text)) + sum(3 + 2 * len(run) for run in runs)


def nav(index: int, count: int) -> str:
    """Return navigation like the gateway's: links on the * and # keys around "2/5"."""
    links = [f'<a href="/diary/1?pp={index}" accesskey="*">*前へ</a>'] if index else []
    links.append(f"{index + 1}/{count}")
    if index < count - 1:
        links.append(f'<a href="/diary/1?pp={index + 2}" accesskey="#">#次へ</a>')
    return "<div>" + " ".join(links) + "</div>"


def page_of(body: str, head: str = HEAD) -> str:
    """Return a page around body with the house header and footer."""
    return head + BODY_START + body + BODY_END + TAIL


class Counting:
    """A measure that counts its calls."""

    def __init__(self, measure: Callable[[str], int]) -> None:
        self.measure, self.calls = measure, 0

    def __call__(self, text: str) -> int:
        self.calls += 1
        return self.measure(text)


class TagStack(HTMLParser):
    """Check that every end tag closes the element opened last."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack.pop() == tag, f"</{tag}> closes nothing"


def assert_balanced(fragment: str) -> None:
    """Fail unless every element opened in fragment is closed in it."""
    parser = TagStack()
    parser.feed(fragment)
    parser.close()
    assert parser.stack == [], f"left open: {parser.stack}"


def text_of(markup: str) -> str:
    """Return the text content: markup without tags and comments."""
    return re.sub(r"<!--.*?-->|<[^>]*>", "", markup, flags=re.S)


def chunks_of(pages: list[str], head: str = HEAD,
              nav: Callable[[int, int], str] = nav) -> list[str]:
    """Return each page's content, checking it has the header, its own nav and the footer."""
    chunks = []
    for index, page in enumerate(pages):
        start, end = head + BODY_START, nav(index, len(pages)) + BODY_END + TAIL
        assert page.startswith(start) and page.endswith(end), f"page {index} lacks its frame"
        chunks.append(page[len(start):-len(end)])
    return chunks


def assert_split(page: str, pages: list[str], limit: int, measure: Callable[[str], int],
                 head: str = HEAD, nav: Callable[[int, int], str] = nav) -> list[str]:
    """Check every invariant of a split page and return its chunks."""
    assert len(pages) > 1
    region = page[page.index(BODY_START) + len(BODY_START):page.index(BODY_END)]
    chunks = chunks_of(pages, head, nav)
    tags = set(re.findall(r"<[^>]*>", region))
    for index, (chunk, part) in enumerate(zip(chunks, pages, strict=True)):
        assert measure(part) <= limit, f"page {index} is {measure(part)} bytes"
        assert_balanced(chunk)
        ET.fromstring(part.encode("utf-16", "surrogatepass").decode("utf-16"))  # pairs joined
        assert set(re.findall(r"<[^>]*>", chunk)) <= tags, "a tag was invented or changed"
        assert text_of(chunk).count("&") == len(REFERENCE.findall(text_of(chunk)))
    assert "".join(text_of(chunk) for chunk in chunks) == text_of(region)
    assert sum(len(EMPTY.findall(chunk)) for chunk in chunks) == len(EMPTY.findall(region))
    return chunks


def diary_body(size: int) -> str:
    """Return a Japanese diary of about size characters in nested <div><font> markup."""
    rng = random.Random(7)
    words = ["今日は", "友達と", "ﾏｲﾐｸの", "カフェへ", "行きました", "☀", "1\u20e3",
             "#\ufe0f\u20e3", "&amp;", "&#12354;", "&lt;3", "東京タワー", "とても", "楽しかった",
             "diary"]
    stops = ["。", "！", "？", "、", " ", "\n", "<br />", ""]
    entries: list[str] = []
    while sum(len(entry) for entry in entries) < size:
        length = rng.randint(5, 80)
        sentences = "".join(rng.choice(words) + rng.choice(stops) for _ in range(length))
        entries.append(f'<div class="entry"><font color="#336699">{sentences}</font>'
                       f"<br />{rng.choice(words)}</div>")
    return '<div class="diary">' + "".join(entries) + "</div>"


def test_a_page_within_the_limit_comes_back_unchanged_after_one_measure() -> None:
    page = page_of("<p>今日は☀でした。</p>")
    measure = Counting(cp932)
    assert split_page(page, 5120, measure, nav) == [page]
    assert measure.calls == 1


@pytest.mark.parametrize("measure", [cp932, utf8], ids=["shift_jis", "utf-8"])
def test_a_30_kb_japanese_diary_splits_into_valid_pages_for_a_5_kb_handset(
    measure: Callable[[str], int],
) -> None:
    page = page_of(diary_body(19000))
    assert measure(page) > 30000
    pages = split_page(page, 5120, measure, nav)
    assert_split(page, pages, 5120, measure)
    assert len(pages) >= 30000 // 5120
    assert all(measure(part) >= 5120 // 2 for part in pages[:-1]), "pages are packed loosely"


def test_measure_is_called_per_piece_not_per_character() -> None:
    page = page_of(diary_body(19000))
    measure = Counting(cp932)
    split_page(page, 5120, measure, nav)
    assert measure.calls < len(page) // 10


def test_elements_open_at_a_cut_are_reopened_with_their_attributes() -> None:
    page = page_of('<div class="diary"><font color="#ff0000">' + "今日は晴れでした。" * 1500
                   + "</font></div>")
    chunks = assert_split(page, split_page(page, 5120, cp932, nav), 5120, cp932)
    for chunk in chunks:
        assert chunk.startswith('<div class="diary"><font color="#ff0000">今日')
        assert chunk.endswith("。</font></div>")


def test_cuts_fall_between_block_elements_when_there_are_some() -> None:
    entry = '<div class="comment"><p>' + "コメントありがとう、また遊ぼうね。" * 20 + "</p></div>"
    page = page_of(entry * 30)
    chunks = assert_split(page, split_page(page, 5120, cp932, nav), 5120, cp932)
    assert all(chunk.startswith(entry) and chunk.endswith(entry) for chunk in chunks)


def test_a_page_is_packed_full_rather_than_cut_at_a_far_earlier_better_break() -> None:
    profile = '<div class="profile">' + "自己紹介です。" * 60 + "</div>"
    page = page_of(profile + '<div class="diary">' + "今日は晴れでした。" * 1500 + "</div>")
    pages = split_page(page, 5120, cp932, nav)
    assert_split(page, pages, 5120, cp932)
    assert all(cp932(part) >= 0.75 * 5120 for part in pages[:-1])


def test_a_cut_before_a_block_element_beats_a_full_stop_inside_it() -> None:
    notice = "お知らせ" * 500
    entry = '<div class="entry">' + "本文です。" * 300 + "</div>"
    page = page_of(notice + entry)
    chunks = assert_split(page, split_page(page, 5120, cp932, nav), 5120, cp932)
    assert chunks[0] == notice
    assert chunks[1].startswith('<div class="entry">本文')


def test_emoji_sharing_one_escape_are_measured_as_the_handset_counts_them() -> None:
    page = page_of("<p>" + "☀☁☂晴れ。" * 2000 + "</p><p>" + "☀" * 6000 + "</p>")
    pages = split_page(page, 5120, webcode, nav)
    assert_split(page, pages, 5120, webcode)
    assert all(webcode(part) >= 0.75 * 5120 for part in pages[:-1])


def test_a_long_paragraph_without_line_breaks_is_cut_after_full_stops() -> None:
    sentences = "".join(f"{i}番目の文は少し長めに書いてあります！" for i in range(900))
    page = page_of(f"<p>{sentences}</p>")
    chunks = assert_split(page, split_page(page, 5120, cp932, nav), 5120, cp932)
    assert all(chunk.endswith("！</p>") for chunk in chunks)


@pytest.mark.parametrize("run", ["x" * 20000, "あ" * 10000], ids=["ascii", "kana"])
def test_a_long_run_without_spaces_is_cut_between_characters_filling_each_page(run: str) -> None:
    page = page_of(f"<p>{run}</p>")
    measure = Counting(cp932)
    pages = split_page(page, 5120, measure, nav)
    assert_split(page, pages, 5120, cp932)
    widest = max(cp932(nav(i, len(pages))) for i in range(len(pages)))
    assert all(cp932(part) > 5120 - widest for part in pages[:-1])
    assert measure.calls < 40 * len(pages)


@pytest.mark.parametrize("measure", [cp932, utf8], ids=["shift_jis", "utf-8"])
@pytest.mark.parametrize("sequence", SEQUENCES)
def test_an_emoji_sequence_or_a_reference_at_the_boundary_is_never_split(
    sequence: str, measure: Callable[[str], int],
) -> None:
    body = "<p>" + "".join("x" * i + sequence + "&amp;" for i in range(60)) + "</p>"
    page = page_of(body)
    for limit in range(700, 760):
        chunks = assert_split(page, split_page(page, limit, measure, nav), limit, measure)
        assert sum(chunk.count(sequence) for chunk in chunks) == 60
        assert sum(chunk.count("&amp;") for chunk in chunks) == 60


def test_a_form_is_kept_whole_on_one_page() -> None:
    page = page_of("<p>" + "日記を読みました。" * 200 + "</p>" + FORM
                   + "<p>" + "もっと読む。" * 400 + "</p>")
    for limit in (1500, 2048, 3000, 5120):
        chunks = assert_split(page, split_page(page, limit, cp932, nav), limit, cp932)
        assert sum(chunk.count(FORM) for chunk in chunks) == 1


def test_a_form_larger_than_any_page_raises_page_too_small() -> None:
    page = page_of("<p>こんにちは</p>" + FORM.replace("書いてね", "書いてね" * 400))
    with pytest.raises(PageTooSmall):
        split_page(page, 1024, cp932, nav)


def test_a_header_over_the_limit_raises_page_too_small() -> None:
    head = HEAD + "<p>" + "お知らせ" * 300 + "</p>"
    with pytest.raises(PageTooSmall):
        split_page(page_of("<p>本文</p>", head), 1024, cp932, nav)


def test_a_page_over_the_limit_without_a_body_region_is_refused() -> None:
    with pytest.raises(ValueError, match="body region"):
        split_page(HEAD + "本文" * 3000 + TAIL, 5120, cp932, nav)


def test_navigation_that_grows_with_the_count_settles_on_the_final_count() -> None:
    def wide_nav(index: int, count: int) -> str:
        return f"<p>{index + 1}/{count}{'-' * 60 * count}</p>"

    page = page_of(diary_body(8000))
    pages = split_page(page, 3000, cp932, wide_nav)
    assert_split(page, pages, 3000, cp932, nav=wide_nav)
    assert split_page(page, 3000, cp932, wide_nav) == pages
    assert all(split_page(part, 3000, cp932, wide_nav) == [part] for part in pages)


def test_a_nav_wider_on_a_page_that_was_not_measured_ahead_still_fits() -> None:
    def uneven_nav(index: int, count: int) -> str:
        return nav(index, count) + ("<p>" + "広告" * 100 + "</p>" if index == 2 else "")

    page = page_of(diary_body(19000))
    pages = split_page(page, 5120, cp932, uneven_nav)
    assert len(pages) >= 7  # so page 3 is none of the first, second, middle and last two
    assert_split(page, pages, 5120, cp932, nav=uneven_nav)


def random_body(rng: random.Random, size: int) -> str:
    """Return a random content region of about size characters in our templates' markup."""
    words = ["日記", "ﾏｲﾐｸ", "です。", "、", " ", "\n", "！？", "hello", "&amp;", "&#12354;",
             "&lt;", "<br />", "<hr />", '<img src="/e/1.gif" alt="☀" />', *SEQUENCES[:6],
             "<!-- note -->"]
    inline = [("font", '<font color="red">'), ("a", '<a href="/p?a=1&amp;b=2" accesskey="1">'),
              ("b", "<b>")]
    blocks = [("div", '<div class="box">'), ("p", "<p>"), ("div", '<div align="center">'),
              ("h2", "<h2>")]
    out: list[str] = []
    stack: list[str] = []
    while len(out) < size // 4 or stack:
        roll = rng.random()
        if stack and (roll < 0.08 or len(out) >= size // 4):
            out.append(f"</{stack.pop()}>")
        elif roll < 0.16 and len(stack) < 4:
            name, tag = rng.choice(inline if stack and rng.random() < 0.6 else blocks)
            out.append(tag)
            stack.append(name)
        elif roll < 0.18:
            out.append("<ul>" + "".join(f"<li>項目{i}</li>" for i in range(rng.randint(1, 9)))
                       + "</ul>")
        elif roll < 0.185 and not stack:
            out.append(FORM)
        elif roll < 0.2:
            out.append(rng.choice("あいうえおx") * rng.randint(50, 900))
        else:
            out.append(rng.choice(words))
    return "".join(out)


def test_random_documents_split_into_valid_pages_for_limits_from_1_to_8_kb() -> None:
    rng = random.Random(2024)
    split = 0
    for case in range(300):
        limit = rng.randint(1024, 8192)
        measure = rng.choice([cp932, utf8, webcode])
        page = page_of(random_body(rng, rng.randint(200, 12000)))
        pages = split_page(page, limit, measure, nav)
        if measure(page) <= limit:
            assert pages == [page], f"case {case}"
            continue
        split += 1
        chunks = assert_split(page, pages, limit, measure)
        assert sum(chunk.count(FORM) for chunk in chunks) == page.count(FORM), f"case {case}"
        for sequence in SEQUENCES[:6]:
            assert sum(chunk.count(sequence) for chunk in chunks) == page.count(sequence)
    assert split > 150
