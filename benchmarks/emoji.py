"""Emoji codec cost: a 2 KB Japanese page with 60 emoji, encoded and decoded for each handset.

Run as ``python benchmarks/emoji.py`` or through ``make bench``. The yardstick is
``str.encode("cp932")`` (and ``bytes.decode("cp932")``) of the same page without its emoji.
"""
from __future__ import annotations

import random
import sys
import timeit
from collections.abc import Callable
from functools import partial
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import emoji_maps  # noqa: E402

#: (carrier, charset) pairs as the gateway meets them
TARGETS = [("docomo", "shift_jis"), ("docomo", "utf-8"), ("au", "shift_jis"), ("au", "utf-8"),
           ("softbank", "utf-8"), ("softbank", "shift_jis"), ("willcom", "shift_jis"),
           ("smartphone", "utf-8"), ("pc", "utf-8")]
#: one page's worth of diary text; the NEC/IBM characters and the wave dash occur once, as in life
_PARAGRAPHS = [
    "<p>今日は朝から渋谷で友だちとランチしました。ﾊﾟｽﾀがとてもおいしかった〜！"
    "午後は㈱ケイタイの説明会で①から③までの資料をもらい、髙橋さんにも会えました。</p>\n",
    "<p>夕方から雨が降ってきたので、駅前のカフェで少し休憩。新作のケーキを頼んだら、"
    "思ったより大きくてびっくり。帰りの電車はとても混んでいました。</p>\n",
    "<p>週末はみんなでお花見に行く予定です。お弁当は何を作ろうかな。"
    "晴れるといいな。コメントください！</p>\n",
    '<a href="/diary/123?guid=ON" accesskey="1">日記を書く</a><br />\n'
    '<a href="/friends?guid=ON" accesskey="2">マイミク一覧</a><br />\n',
]
_EMOJI = ["\u2600", "\u2601", "\u2614", "\u26c4", "\u26a1", "\U0001f300", "\U0001f301",
          "\u2764", "\U0001f494", "\U0001f60a", "\U0001f609", "\U0001f4f1", "\u2709",
          "\U0001f37a", "\u2615", "\U0001f382", "\U0001f3b5", "\U0001f697", "\U0001f683",
          "\u2728", "\U0001f44d", "\U0001f4a6", "1\u20e3", "#\u20e3", "\U0001f1ef\U0001f1f5",
          "\U000fe4c5"]


def sample_page(emoji_count: int = 60, size: int = 2048, seed: int = 3) -> tuple[str, str]:
    """Return a Japanese page of about size Shift_JIS bytes with and without its emoji."""
    plain, i = "", 0
    while len((plain + _PARAGRAPHS[i % len(_PARAGRAPHS)]).encode("cp932")) <= size:
        plain += _PARAGRAPHS[i % len(_PARAGRAPHS)]
        i += 1
    rng = random.Random(seed)
    cuts = sorted(rng.randrange(len(plain)) for _ in range(emoji_count))
    pieces, last = [], 0
    for cut in cuts:
        pieces += [plain[last:cut], rng.choice(_EMOJI)]
        last = cut
    return "".join(pieces) + plain[last:], plain


def per_call_us(func: Callable[[], object], repeat: int = 7) -> float:
    """Return the best time of one call in microseconds."""
    timer = timeit.Timer(func)
    number, _ = timer.autorange()
    return min(timer.repeat(repeat=repeat, number=number)) / number * 1e6


def main() -> None:
    """Print µs per page for encoding and decoding, and the ratio to plain cp932."""
    page, plain = sample_page()
    for carrier, charset in TARGETS:  # build every profile outside the timings
        emoji_maps.decode(emoji_maps.encode(page, carrier, charset), carrier, charset)
    base_enc = per_call_us(lambda: plain.encode("cp932"))
    raw = plain.encode("cp932")
    base_dec = per_call_us(lambda: raw.decode("cp932"))
    print(f"page: {len(page)} characters, 60 emoji, {len(raw)} bytes of cp932 without them")
    print(f"{'':24}{'encode µs':>10}{'× cp932':>9}{'decode µs':>11}{'× cp932':>9}")
    print(f"{'str.encode(cp932)':24}{base_enc:10.1f}{1:9.1f}{base_dec:11.1f}{1:9.1f}")
    for carrier, charset in TARGETS:
        data = emoji_maps.encode(page, carrier, charset)
        enc = per_call_us(partial(emoji_maps.encode, page, carrier, charset))
        dec = per_call_us(partial(emoji_maps.decode, data, carrier, charset))
        label = f"{carrier} {charset}"
        print(f"{label:24}{enc:10.1f}{enc / base_enc:9.1f}{dec:11.1f}{dec / base_dec:9.1f}")
    html = per_call_us(lambda: emoji_maps.encode(page, "docomo", errors="html"))
    print(f"{'docomo shift_jis html':24}{html:10.1f}{html / base_enc:9.1f}")


if __name__ == "__main__":
    main()
