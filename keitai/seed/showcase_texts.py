"""What the demo's named members say: profiles, endorsements, mail threads, long diaries.

Emoji are written in the canonical form the site stores: standard Unicode where there is one,
else Google's private-use code (U+FE000 + id), such as the docomo-only iモード mark below.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

#: the iモード mark: docomo draws it, other handsets read the fallback [iモード]
I_MODE = "\U000FEE10"
#: the demo's named members are the network's first members, so their addresses are known
FIRST_ID = 1
#: the title of the long travel diaries (the demo's help page links to the first)
LONG_DIARY_TITLE = "京都旅行記(全部まとめ)🚃"


@dataclass(frozen=True)
class Persona:
    """A named demo member: nickname, the initials on their photo, introduction, fields."""

    nickname: str
    initials: str
    introduction: str
    #: field name -> (value, visibility); gender and prefecture as codes, the age and
    #: birthday as a visibility only (their text comes from the birth date)
    fields: dict[str, tuple[str, str]]
    #: the birth date the persona's age and birthday show
    born: date


PERSONAS: tuple[Persona, ...] = (
    Persona("たろう☆", "T",
            "東京で会社員やってます。休みの日はラーメン屋めぐりとカメラ📷\n"
            "日記はだいたい夜に書いてます🌙 マイミク申請お気軽にどうぞ♪",
            {"gender": ("male", "everyone"), "age": ("", "everyone"),
             "birthday": ("", "friends"), "prefecture": ("13", "everyone"),
             "region": ("世田谷区", "friends"),
             "hometown": ("大阪府", "everyone"), "occupation": ("会社員(IT)", "friends"),
             "hobbies": ("ラーメン屋めぐり、カメラ、自転車", "everyone"),
             "favorites": ("とんこつラーメン、くるり、猫", "everyone")}, date(1991, 7, 14)),
    Persona("はなこ", "H",
            "横浜在住の花屋さんです🌸 季節の花の写真をよく載せてます。\n"
            "甘いもの🍰と温泉♨が大好き。",
            {"gender": ("female", "everyone"), "age": ("", "friends"),
             "birthday": ("", "everyone"), "prefecture": ("14", "everyone"),
             "region": ("横浜市", "everyone"),
             "hometown": ("北海道 札幌市", "friends_of_friends"),
             "occupation": ("花屋", "everyone"), "hobbies": ("お菓子作り、温泉、読書", "everyone"),
             "favorites": ("チーズケーキ、桜、スピッツ", "friends")}, date(1994, 3, 27)),
    Persona("けんじ@大阪", "K",
            "大阪の大学生。軽音部でギター弾いてます🎸\nライブ情報は日記で告知します！",
            {"gender": ("male", "everyone"), "age": ("", "only_me"),
             "birthday": ("", "everyone"), "prefecture": ("27", "everyone"),
             "region": ("吹田市", "friends"),
             "hometown": ("兵庫県 神戸市", "everyone"), "occupation": ("大学生", "only_me"),
             "hobbies": ("ギター、バンド、ゲーム", "everyone"),
             "favorites": ("たこ焼き、ELLEGARDEN", "everyone")}, date(2005, 10, 3)),
)


def login_email(index: int) -> str:
    """Return the address of the demo's named member at index (as keitai.seed.network makes)."""
    return f"seed{FIRST_ID + index}@example.jp"


def login_emails() -> list[str]:
    """Return the addresses of the demo's named members, the logins its help page lists."""
    return [login_email(index) for index in range(len(PERSONAS))]


#: friends of the named members who get a photo and a profile too: nickname, initials
FRIEND_PERSONAS: tuple[tuple[str, str], ...] = (
    ("ゆき♪", "Y"), ("さくら", "S"), ("だいすけ", "D"), ("みほ@福岡", "M"), ("翔太", "ST"))
_REGIONS = ("東京都", "大阪府", "福岡県", "北海道", "愛知県", "宮城県", "京都府")
#: the codes of _REGIONS (keitai.features.profile.choices.PREFECTURES)
_PREFECTURE_CODES = ("13", "27", "40", "01", "23", "04", "26")
_JOBS = ("会社員", "学生", "公務員", "自営業", "看護師", "エンジニア", "デザイナー")
_HOBBIES = ("映画鑑賞", "カラオケ", "釣り", "旅行", "料理", "サッカー", "写真", "読書")
_LEVELS = ("everyone", "everyone", "friends", "friends_of_friends")


def friend_fields(rng: random.Random) -> dict[str, tuple[str, str]]:
    """Return believable profile fields for a friend of the named members."""
    return {
        "gender": (rng.choice(("male", "female")), "everyone"),
        "age": ("", rng.choice(("only_me", *_LEVELS))),
        "prefecture": (rng.choice(_PREFECTURE_CODES), rng.choice(_LEVELS)),
        "hometown": (rng.choice(_REGIONS), rng.choice(_LEVELS)),
        "occupation": (rng.choice(_JOBS), rng.choice(_LEVELS)),
        "hobbies": ("、".join(rng.sample(_HOBBIES, 3)), "everyone"),
        "favorites": (rng.choice(("ラーメン", "ケーキ", "猫", "犬", "温泉")) + "が好き",
                      "everyone"),
    }


#: (relation, body) of endorsements
ENDORSEMENTS: tuple[tuple[str, str], ...] = (
    ("高校の同級生", "昔からまじめでやさしい人です。困ったときに一番に助けてくれます✨"),
    ("会社の同期", "仕事が早くて頼れる存在。飲み会では盛り上げ役🍺"),
    ("バイト仲間", "いつも笑顔で周りを元気にしてくれます。おすすめのお店にくわしい！"),
    ("地元の友だち", "小学校からの付き合い。変わらずいいやつです😊"),
    ("サークルの先輩", "面倒見がよくて後輩からの信頼も厚いです。写真がとても上手📷"),
)
#: mini mail threads: (subject, [bodies in turn, first from the starter])
THREADS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("今度の週末", ("土曜にラーメン行かない？🍜 新しい店ができたらしいよ",
                     "いいね！何時にする？", "じゃあ12時に駅前で😊")),
    ("写真ありがとう", ("この前の花見の写真ありがとう🌸 すごくきれいに撮れてた！",
                        "どういたしまして！また行こうね")),
    ("ライブのお知らせ🎵", ("来月ライブやるので来てください！チケット取り置きします",
                           "行きたい！2枚お願いできる？", "了解！当日受付で名前言ってね")),
)
COMMENTS = ("おもしろかった！続きも楽しみ✨", "わかる〜😂", "写真見たい📷", "おつかれさま！",
            "いいなぁ、今度つれてって🙏", "長文おつかれ！一気に読んじゃった")
SHORT_DIARIES: tuple[tuple[str, str], ...] = (
    ("今日のランチ🍜", "会社の近くで味噌ラーメン。寒い日はこれに限る☀\nまた行こう。"),
    ("桜が満開🌸", "近所の公園の桜が満開でした。\n明日は雨らしいので今日のうちに📷"),
    ("機種変更しました📱", f"ついに新しい携帯に！{I_MODE}もサクサク。\n絵文字が増えてうれしい✨"),
)

_TRIP_PLACES = ("清水寺", "伏見稲荷", "嵐山", "錦市場", "祇園", "金閣寺", "哲学の道", "鴨川")
_TRIP_FOODS = ("湯豆腐", "抹茶パフェ", "にしんそば", "おばんざい", "みたらし団子", "ラーメン")
_TRIP_EMOJI = ("☀", "☁", "🚃", "📷", "🍰", "🍜", "🌸", "✨", "💦", "🎵", "❤", "😊", "😂")
_TRIP_SENTENCES = (
    "朝いちばんで{place}へ。人が少なくて空気がひんやり{e}",
    "{place}は写真で見るよりずっと広くて、歩くだけでけっこう疲れた{e}",
    "お昼は{food}。やさしい味でおかわりしたくなった{e}",
    "歩きつかれたので{food}で休憩。ここは地元の人もよく来るらしい{e}",
    "バスが混んでいたので{place}までは歩くことに。途中の路地がいい雰囲気だった{e}",
    "{place}の近くで雨が降ってきて、あわてて雨宿り{e}",
    "夕方の{place}は光がきれいで、つい写真を何十枚も撮ってしまった{e}",
    "おみやげに{food}を買おうか迷って、結局ふたつ買った{e}",
    "宿に戻ってお風呂に入ったら一気に眠くなった{e}",
    "明日は{place}に行く予定。天気がもってくれるといいな{e}",
)


def long_diary(rng: random.Random, days: int = 4) -> tuple[str, str]:
    """Return the title and body of a travel diary of several thousand characters.

    Long enough that a handset with a 5 KB page reads it in several pages; every day has a
    heading and paragraphs with emoji.
    """
    parts = [f"連休を使って{days}日間の京都旅行に行ってきました{I_MODE}\n"
             "長くなるけど記録として全部書いておきます。写真はあとでアルバムに📷"]
    for day in range(1, days + 1):
        parts.append(f"\n【{day}日目】")
        for _ in range(3):
            sentences = [rng.choice(_TRIP_SENTENCES).format(
                place=rng.choice(_TRIP_PLACES), food=rng.choice(_TRIP_FOODS),
                e=rng.choice(_TRIP_EMOJI) if rng.random() < 0.6 else "。")
                for _ in range(6)]
            parts.append("".join(sentences))
    parts.append("\nまとめ: 京都はまた季節を変えて行きたい❤ 読んでくれてありがとう！")
    return LONG_DIARY_TITLE, "\n".join(parts)


@dataclass(frozen=True)
class ShowcaseTopic:
    """A topic (or an event's topic) of a demo community and its comments.

    Writers are indexes into the demo's people: 0-2 the named members (PERSONAS), 3-7 their
    friends with profiles (FRIEND_PERSONAS).
    """

    author: int
    title: str
    body: str
    #: (writer, body) in order
    comments: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True)
class ShowcaseEvent:
    """An upcoming event: its topic, where, in how many days, until when to join, how many."""

    topic: ShowcaseTopic
    place: str
    days_ahead: int
    deadline_days: int
    capacity: int
    participants: tuple[int, ...]


@dataclass(frozen=True)
class ShowcasePoll:
    """An open poll: question, choices, and (voter, choice position) votes."""

    question: str
    choices: tuple[str, ...]
    votes: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class ShowcaseCommunity:
    """A hand-written demo community: its admin first among its members (people indexes)."""

    name: str
    category: str
    description: str
    members: tuple[int, ...]
    topics: tuple[ShowcaseTopic, ...]
    event: ShowcaseEvent
    poll: ShowcasePoll
    sub_admins: tuple[int, ...] = ()
    join_policy: str = "open"
    topic_visibility: str = "all"
    #: (person, message) of join requests the admin has not answered yet
    requests: tuple[tuple[int, str], ...] = ()


COMMUNITIES: tuple[ShowcaseCommunity, ...] = (
    ShowcaseCommunity(
        "晴れ写真部☀", "hobbies",
        "晴れた日の空や景色の写真を見せ合うコミュです☀\n携帯のカメラで気軽にどうぞ📷",
        (1, 0, 2, 3, 4),
        (ShowcaseTopic(1, "今日の空☀", "今日撮った空の写真をどうぞ。朝でも夕方でもOK！", (
            (0, "会社の窓から。雲ひとつなかった☀"), (3, "帰り道の夕焼けがきれいでした"),
            (1, "みんなの空、見てるだけで元気が出る✨"))),
         ShowcaseTopic(0, "携帯カメラの設定",
                       "みなさん何画素で撮ってますか？\n容量が足りなくて…💦", (
             (2, "ふだんは2Mで、メールで送るときだけ小さくしてます"),
             (4, "microSDを買ったら解決しました"), (0, "なるほど！買ってきます"))),
         ShowcaseTopic(1, "自己紹介トピ", "はじめての方はこちらでひとことどうぞ😊", (
             (2, "大阪のけんじです。ライブの写真が多めです🎸"),
             (4, "はじめまして！花の写真が好きです🌸")))),
        ShowcaseEvent(ShowcaseTopic(1, "撮影オフ会📷", "公園を歩きながら写真を撮りましょう。\n"
                                                      "雨のときは中止です☁", (
            (3, "参加します！"), (0, "三脚もっていきます📷"))),
            "代々木公園 原宿門", 12, 9, 10, (1, 0, 3)),
        ShowcasePoll("次の撮影テーマは？", ("桜🌸", "夕焼け", "駅と電車🚃", "猫🐱"),
                     ((1, 1), (0, 1), (2, 3), (3, 4), (4, 1)))),
    ShowcaseCommunity(
        "ラーメン大好き🍜", "food",
        "ラーメンが好きな人のコミュ🍜\nおすすめの店、新店情報、なんでもどうぞ。",
        (0, 1, 2, 4, 5, 6), (
            ShowcaseTopic(0, "おすすめの店を教えて",
                          "地域と店名、好きなメニューを書いてください🍜", (
                (2, "大阪なら天六の塩ラーメンが好き"), (5, "三軒茶屋のつけ麺がおすすめです"),
                (0, "メモしました。週末に行ってきます"))),
            ShowcaseTopic(0, "とんこつ派？醤油派？", "自分はとんこつ派です。みなさんは？", (
                (1, "醤油かなぁ。あっさりが好き"), (6, "博多っ子なのでとんこつ一択です"),
                (4, "味噌もわすれないで😂"), (0, "意外と分かれますね"))),
            ShowcaseTopic(5, "新店情報🆕", "新しくできたお店の情報はこちらへ。", (
                (6, "天神に煮干しラーメンの店ができてました"),))),
        ShowcaseEvent(ShowcaseTopic(0, "ラーメンオフ会🍜",
                                    "新しくできたお店にみんなで行きましょう！\n"
                                    "12時に駅前集合です。", (
            (2, "大阪から行けたら行きます！"), (5, "楽しみです🍜"))),
            "三軒茶屋駅 南口", 9, 6, 8, (0, 2, 4, 5)),
        ShowcasePoll("好きなスープは？", ("とんこつ", "醤油", "味噌", "塩", "つけ麺"),
                     ((0, 1), (1, 2), (2, 4), (4, 3), (5, 5), (6, 1))),
        sub_admins=(1,)),
    ShowcaseCommunity(
        "世田谷に住んでる人", "area",
        "世田谷区に住んでいる人、働いている人のコミュです。\nお店や地域の情報を交換しましょう😊",
        (5, 0, 3, 4, 7), (
            ShowcaseTopic(5, "おいしいパン屋さん", "このへんでおすすめのパン屋さんはありますか？", (
                (0, "駅の裏の小さいお店がおすすめです"), (4, "三宿に新しいお店ができてましたよ"))),
            ShowcaseTopic(3, "世田谷線🚃", "世田谷線の好きな駅はどこですか？", (
                (7, "松陰神社前の商店街が好き"), (0, "山下駅の近くに住んでます😊"),
                (5, "のんびりしていていいですよね"))),
            ShowcaseTopic(5, "台風や大雨の情報",
                          "天気が荒れたときの情報はこちらで共有しましょう💦", (
                (5, "避難所の場所は区のページで確認できます"),))),
        ShowcaseEvent(ShowcaseTopic(5, "ご近所ランチ会🍰", "駅の近くのカフェでランチしましょう。"
                                                      "\nはじめての方も歓迎です。", (
            (4, "参加します！"),)),
            "三軒茶屋駅 北口", 16, 13, 6, (5, 0, 4)),
        ShowcasePoll("休日の過ごし方は？",
                     ("公園でのんびり", "買い物", "家でゴロゴロ", "カフェめぐり"),
                     ((5, 1), (0, 4), (3, 2), (7, 3)))),
    ShowcaseCommunity(
        "千里山大学 軽音部🎸", "schools",
        "千里山大学軽音部の部員・OB・OGのコミュです🎸\n参加は承認制で、トピックはメンバーだけが"
        "読めます。",
        (2, 0, 6, 7), (
            ShowcaseTopic(2, "練習スケジュール",
                          "今月のスタジオ練習は火曜と金曜の18時から、部室で。", (
                (6, "金曜は少し遅れて行きます"), (2, "了解です！"))),
            ShowcaseTopic(2, "ライブのセットリスト🎵", "次のライブの曲順を相談しましょう。", (
                (7, "最後はやっぱりあの曲で"), (0, "OBも見に行きます！"),
                (2, "ありがとうございます！がんばります")))),
        ShowcaseEvent(ShowcaseTopic(2, "定期ライブ🎸",
                                    "新入生も出演します。ぜひ見に来てください🎵", (
            (6, "チケット2枚お願いします"),)),
            "千里山 ライブハウス", 20, 18, 30, (2, 0, 6, 7)),
        ShowcasePoll("打ち上げの場所は？", ("焼肉", "お好み焼き", "居酒屋", "カラオケ"),
                     ((2, 2), (0, 1), (6, 2))),
        join_policy="approval", topic_visibility="members",
        requests=((4, "OGです。入れてください🎵"),)),
)
