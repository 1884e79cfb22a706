"""Made-up Japanese text for demo data: nicknames, diaries, comments and messages."""
from __future__ import annotations

import random

#: emoji every carrier has (canonical Unicode, as the gateway stores them)
EMOJI = "☀☁❤🍺🍰🐶🐱🍜🚃📷🚗🎵💨🌸💡✨💦😢💢🆗🆕📱"
_GIVEN = (
    "たろう はなこ ゆき けんじ さくら まさる あやか ひろし みほ だいすけ なつみ しょう りな "
    "こうじ まい ゆうた えり たくや ちひろ かずき あいこ まこと ともみ けいすけ のぞみ ケン "
    "ユウ ミキ アキラ サトシ リカ ジュン 美咲 翔太 陽菜 健太 彩 大輔 真央 拓海 結衣 直樹 "
    "優子 浩二 恵 隆 麻衣 修 千尋 亮"
).split()
_PREFIX = ("",) * 6 + ("ちび", "まめ", "くま", "ねこ", "ぴよ", "うさ", "元祖", "ほっと")
_SUFFIX = ("",) * 8 + ("☆", "♪", "★", "っち", "りん", "ぴょん", "@釣り好き", "@東京",
                       "@大阪", "@福岡", "@ラーメン部", "(26)", "☀", "🐱", "🎵")
_PLACES = "渋谷 新宿 梅田 天神 札幌 横浜 名古屋 京都 仙台 海 山 駅前 会社 学校 実家".split()
_THINGS = ("ラーメン カレー 新しい携帯 映画 ライブ 飲み会 買い物 釣り 花見 カラオケ 温泉 "
           "ドライブ 部活 バイト 試験 ケーキ 雑誌 ゲーム").split()
_MOODS = ("楽しかった", "疲れた", "最高だった", "ちょっと寒かった", "また行きたい",
          "眠い", "おいしかった", "びっくりした", "ひさしぶりだった", "雨で残念だった")
_TITLES = ("{thing}の日{e}", "{place}で{thing}", "今日の{thing}", "{mood}{e}", "ひとりごと",
           "{place}なう", "{thing}について", "週末は{thing}{e}", "日記{e}")
_SENTENCES = (
    "今日は{place}で{thing}。{mood}{e}", "{thing}のあとは{place}へ。", "みんなありがとう{e}",
    "明日も早いのでもう寝ます。", "{place}の{thing}は{mood}{e}", "写真はまたあとで{e}",
    "最近{thing}にはまってます。", "{mood}けど、{thing}はよかった。",
)
_COMMENTS = ("いいね{e}", "{thing}いいなぁ", "おつかれ{e}", "また行こうね！", "うらやましい{e}",
             "{place}なつかしい！", "今度さそって{e}", "わかる〜", "ｗｗｗ", "楽しそう{e}")
_SUBJECTS = ("こんにちは", "ひさしぶり{e}", "{thing}のこと", "今度の週末", "ありがとう{e}",
             "マイミク申請のお礼", "質問です", "")


def _fill(rng: random.Random, template: str) -> str:
    return template.format(place=rng.choice(_PLACES), thing=rng.choice(_THINGS),
                           mood=rng.choice(_MOODS),
                           e=rng.choice(EMOJI) if rng.random() < 0.6 else "")


def nickname(rng: random.Random) -> str:
    """Return a nickname such as 'ちびゆき☆' or '翔太@大阪'."""
    return rng.choice(_PREFIX) + rng.choice(_GIVEN) + rng.choice(_SUFFIX)


def diary_title(rng: random.Random) -> str:
    """Return a diary title."""
    return _fill(rng, rng.choice(_TITLES))[:50]


def diary_body(rng: random.Random) -> str:
    """Return a diary body of one to five lines, some with emoji."""
    return "\n".join(_fill(rng, rng.choice(_SENTENCES)) for _ in range(rng.randint(1, 5)))


def comment(rng: random.Random) -> str:
    """Return a short comment."""
    return _fill(rng, rng.choice(_COMMENTS))


def message(rng: random.Random) -> tuple[str, str]:
    """Return the subject and body of a message."""
    body = _fill(rng, rng.choice(_SENTENCES)) + "\n" + _fill(rng, rng.choice(_COMMENTS))
    return _fill(rng, rng.choice(_SUBJECTS)), body
