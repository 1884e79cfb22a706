"""Made-up Japanese text for demo data: nicknames, diaries, comments, messages, communities."""
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


#: community names by category (the slugs of keitai.features.communities.categories)
_COMMUNITY_NAMES: dict[str, tuple[str, ...]] = {
    "area": ("{town}に住んでる人", "{town}で働く人", "{town}ランチ部{e}", "{town}が好き{e}"),
    "music": ("ギター弾き集まれ🎵", "カラオケで歌う曲{e}", "フェスに行く人", "ライブ好き{e}"),
    "movies": ("映画館で泣いた人", "ジブリが好き", "映画は字幕派", "{town}の映画館"),
    "tv": ("月9を語ろう", "深夜アニメ部", "朝ドラを見てる人☀", "バラエティ好き"),
    "books": ("マンガ喫茶の常連", "本屋で迷う人", "電車で本を読む🚃", "少年マンガ部"),
    "games": ("ドラクエ世代", "モンハン部{e}", "携帯ゲーム好き📱", "レトロゲーム"),
    "sports": ("{town}でフットサル", "朝ラン部☀", "野球観戦仲間", "サッカー好き{e}"),
    "hobbies": ("カメラ好き集まれ📷", "{thing}同好会", "釣り部{e}", "温泉めぐり"),
    "food": ("{thing}が好き{e}", "ラーメン食べ歩き🍜", "甘いもの部🍰", "ビール党🍺"),
    "schools": ("{town}高校OB・OG", "{town}大学 軽音部", "{town}中学 卒業生"),
    "companies": ("{town}の会社員", "IT業界で働く人", "バイト仲間{e}", "残業してる人"),
    "people": ("「{given}」って呼ばれる人", "{given}ファンクラブ{e}", "同じ誕生日の人"),
    "pets": ("猫が好き🐱", "犬と暮らす🐶", "ハムスター部", "うちの子自慢{e}"),
    "other": ("晴れの日が好き☀", "雨の日が好き☁", "早起きできない人", "{mood}人"),
}
#: where the communities of an area, a school or a company are
_TOWNS = "渋谷 新宿 梅田 天神 札幌 横浜 名古屋 京都 仙台 神戸 博多 浦和".split()
#: the slugs above, in a fixed order (for drawing one)
CATEGORY_SLUGS = tuple(_COMMUNITY_NAMES)
_RULES = ("荒らしは削除します。", "気軽に参加してください{e}", "トピック立ては自由です。",
          "宣伝はご遠慮ください。", "まずは自己紹介トピへどうぞ{e}")
_TOPIC_TITLES = ("自己紹介トピ{e}", "雑談トピ", "おすすめの{thing}", "{place}の情報",
                 "質問です", "はじめまして{e}", "写真をはろう📷", "今日の{thing}",
                 "{thing}について語ろう", "{place}で見かけた人")
_EVENT_TITLES = ("{place}でオフ会{e}", "{thing}の会", "{place}で{thing}{e}", "忘年会のお知らせ",
                 "花見オフ🌸", "{place}で飲み会🍺")
_TOPIC_COMMENTS = ("はじめまして！よろしくお願いします{e}", "参加します！", "{place}ならわかります",
                   "同じく{thing}好きです{e}", "なるほど〜", "行ってみたいです{e}",
                   "おつかれさまです！", "今度の{thing}楽しみ{e}", "ageときます", "わかります！")
#: poll questions, each with the choices it offers (a poll takes the first few)
_POLLS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("いつ集まるのがいい？", ("土曜の昼", "土曜の夜", "日曜の昼", "日曜の夜", "平日の夜")),
    ("好きな季節は？", ("春🌸", "夏☀", "秋", "冬")),
    ("どの携帯を使ってる？", ("docomo", "au", "SoftBank", "WILLCOM", "PC")),
    ("次のオフ会の場所は？", tuple(_PLACES)),
    ("いまハマっているものは？", tuple(_THINGS)),
)


def community(rng: random.Random, category: str) -> tuple[str, str]:
    """Return the name and description of a community of the category."""
    template = (rng.choice(_COMMUNITY_NAMES[category]).replace("{given}", rng.choice(_GIVEN))
                .replace("{town}", rng.choice(_TOWNS)))
    name = _fill(rng, template)
    rules = "\n".join(_fill(rng, rule) for rule in rng.sample(_RULES, rng.randint(1, 3)))
    return name[:50], f"{name}のコミュニティです。\n{rules}"


def topic(rng: random.Random, event: bool = False) -> tuple[str, str]:
    """Return the title and body of a topic (or an event)."""
    title = _fill(rng, rng.choice(_EVENT_TITLES if event else _TOPIC_TITLES))
    return title[:50], diary_body(rng)


def topic_comment(rng: random.Random) -> str:
    """Return a short comment on a topic."""
    return _fill(rng, rng.choice(_TOPIC_COMMENTS if rng.random() < 0.7 else _COMMENTS))


def place(rng: random.Random) -> str:
    """Return where an event takes place."""
    return rng.choice(_PLACES) + rng.choice(("駅 改札前", "の居酒屋", "のカラオケ", "の公園"))


def poll(rng: random.Random, choices: int) -> tuple[str, list[str]]:
    """Return a poll's question and at most that many choices (at least two)."""
    question, labels = rng.choice(_POLLS)
    return question, list(labels[:max(2, choices)])


def join_message(rng: random.Random) -> str:
    """Return the message of a join request (often none)."""
    return _fill(rng, rng.choice(("参加させてください{e}", "よろしくお願いします！", "", "")))
