"""The demo's お知らせ: two announcements from the operators and a welcome notice, so the
home page shows its お知らせ area with something read and something new."""
from __future__ import annotations

from datetime import timedelta

from keitai.db import db
from keitai.features.announcements import service
from keitai.models.announcement import Announcement
from keitai.models.base import utcnow

#: (days ago, title, body): the newest last
ANNOUNCEMENTS = [
    (3, "年末年始のサポート窓口について",
     "12月29日から1月3日まで、お問い合わせへの返信はお休みします。\n"
     "その間に届いたお問い合わせには、1月4日から順にお返事します。"),
    (0, "動画の投稿が始まりました",
     "フォトアルバムに続いて、動画も投稿できるようになりました。\n"
     "ホームの「動画」から、端末で撮った動画を送ってみてください。"),
]
WELCOME = "ようこそ!まずはプロフィールに写真を載せて、マイミクに近況を知らせましょう。"


def add_demo_announcements(member_ids: list[int]) -> None:
    """Publish the demo's announcements (the first login has read the older one) and
    welcome each login (the caller commits)."""
    now = utcnow()
    made = [Announcement(title=title, body=body, published_at=now - timedelta(days=days))
            for days, title, body in ANNOUNCEMENTS]
    db.session.add_all(made)
    db.session.flush()
    if member_ids:
        service.mark_read(member_ids[0], made[0].id)
    for member_id in member_ids:
        service.tell(member_id, WELCOME)
