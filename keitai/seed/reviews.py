"""The demo's レビュー: fifteen items across the categories (invented titles, identifiers with
valid check digits) and about forty reviews with emoji by the demo's members, so the review
pages show averages, rankings and both sort orders."""
from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import select

from keitai.db import db
from keitai.features.reviews.codes import ean13_check
from keitai.models.base import utcnow
from keitai.models.member import Member
from keitai.models.review import Review, ReviewItem

#: (category, title, creator, maker, released, precision, the first 12 digits of the code)
ITEMS = [
    ("book", "駅前喫茶の午後", "森川 透", "青葉書房", date(2006, 11, 1), "month", "978415210734"),
    ("book", "はじめての携帯サイトづくり", "高橋 亮", "技術文庫社", date(2007, 3, 20), "day",
     "978477413021"),
    ("book", "北の空、南の海", "三浦 ゆかり", "潮出版舎", date(2005, 1, 1), "year",
     "978410118452"),
    ("book", "ねこ町だより", "いしだ なな", "こもれび社", date(2007, 6, 1), "month",
     "978406364711"),
    ("cd", "Summer Signal", "ライトブルー", "Blue Sky Records", date(2007, 7, 18), "day",
     "498800926511"),
    ("cd", "夜明けのメロディ", "遠山 かなで", "ミルキーレーベル", date(2006, 10, 4), "day",
     "498847811302"),
    ("cd", "ベスト・オブ・スカイライン", "スカイライン", "ハーバー音楽出版", date(2005, 1, 1),
     "year", "458024130055"),
    ("dvd", "坂道のむこう", "監督 北村 晴", "虹色ピクチャーズ", date(2007, 2, 1), "month",
     "498810572309"),
    ("dvd", "ぼくらの夏休み 完全版", "監督 森 一郎", "シネマ東京", date(2006, 8, 2), "day",
     "498810134526"),
    ("game", "ポケットダンジョン2", "スタジオいろは", "あおぞらゲームス", date(2007, 4, 26), "day",
     "498253013470"),
    ("game", "みんなでパズル王国", "パズル工房", "ハッピーソフト", date(2006, 12, 1), "month",
     "490252804117"),
    ("electronics", "ワンセグポータブルTV KT-7", "KEITEC", "ケイテック電機", date(2007, 5, 1),
     "month", "490241111578"),
    ("electronics", "電動歯ブラシ スマイルクリーン", "スマイル", "東和電器", date(2006, 1, 1),
     "year", "454950082246"),
    ("electronics", "デジタルオーディオ 2GB", "SOUNDY", "サウンディ", date(2007, 9, 1), "month",
     "490100142033"),
    ("book", "東京ぶらり散歩手帖", "編集部", "まちあるき出版", date(2007, 4, 1), "month", None),
]
#: review texts by the stars they go with (emoji as the site stores them)
TEXTS = {
    5: ["最高でした✨ 何度も読み返しています。", "文句なしの星5つ!友だちにもすすめました😊",
        "通学中にずっと楽しんでます♪ 買ってよかった!", "期待以上でした。次回作も絶対買います☀"],
    4: ["とても良かったです。ちょっと値段が高いかな?でも満足😊",
        "前作より好きです♪ 後半が特に良い。",
        "毎日使ってます。電池の持ちがもう少しよければ星5つ。"],
    3: ["ふつうに楽しめました。好みが分かれそう。", "悪くはないけど、前のほうが好きだったかも☁"],
    2: ["ちょっと期待はずれでした…☂", "説明書がわかりにくかったです。"],
    1: ["残念ながら合いませんでした。"],
}
REVIEWS_WANTED = 40


def _code(stem: str | None) -> str | None:
    return stem + ean13_check(stem) if stem else None


def add_demo_reviews(seed: int) -> None:
    """Register the demo items and let the first members review them (the caller commits)."""
    chance = random.Random(seed)
    members = list(db.session.scalars(select(Member.id).order_by(Member.id).limit(12)))
    if not members:
        return
    now = utcnow()
    items = [ReviewItem(category=category, title=title, creator=creator, maker=maker,
                        released_on=on, released_precision=precision, code=_code(stem),
                        created_by=members[index % len(members)],
                        created_at=now - timedelta(days=60 - index), review_count=0,
                        rating_sum=0)
             for index, (category, title, creator, maker, on, precision, stem)
             in enumerate(ITEMS)]
    db.session.add_all(items)
    db.session.flush()
    pairs = [(item, member) for item in items for member in members]
    chance.shuffle(pairs)
    for number, (item, member) in enumerate(pairs[:REVIEWS_WANTED]):
        stars = chance.choice((5, 5, 4, 4, 4, 3, 3, 2, 1))
        body = chance.choice(TEXTS[stars])
        db.session.add(Review(item_id=item.id, author_id=member, stars=stars, body=body,
                              created_at=now - timedelta(hours=REVIEWS_WANTED - number),
                              counted=True))
        item.review_count += 1
        item.rating_sum += stars
