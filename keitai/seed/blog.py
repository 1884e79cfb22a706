"""The demo's 外部ブログ: the second login (はなこ, a florist) resyndicates her shop's blog;
five entries are already imported (written directly, without the network), so her diary
list, her friends' 「マイミクの最新日記」 and home show them marked 外部ブログ.

The address is on example.com: when the demo's worker fetches it (BLOG_FETCH_MINUTES after
the seed), that site answers 404, and /settings/blog shows the blog 停止中 with the reason.
"""
from __future__ import annotations

from datetime import timedelta

from flask import current_app

from keitai.db import db
from keitai.features.blog import imports
from keitai.features.blog.service import ACTIVE
from keitai.feeds.parse import Entry
from keitai.models.base import utcnow
from keitai.models.blog import MemberBlog
from keitai.privacy import Visibility

FEED_URL = "https://blog.example.com/hanako-flowers/index.rdf"
SITE_TITLE = "はなこの花だより"
#: (hours ago, title, first lines): the newest first
ENTRIES = [
    (5, "クリスマスローズが入荷しました",
     "今年もクリスマスローズの季節です。\n白と紫の二色、鉢植えでお届けします。"),
    (30, "ポインセチアの育て方",
     "水のやりすぎに注意!土が乾いてからたっぷりと。\n寒い窓際は避けてくださいね。"),
    (60, "週末は市場へ",
     "朝4時の市場はもう冬の空気でした。\nシクラメンがとってもきれいで、つい買いすぎました。"),
    (100, "リースづくり教室のお知らせ",
     "12月の土曜日に、小さなリースづくり教室をひらきます。\n材料はお店で用意します。"),
    (150, "紅葉の押し花",
     "散歩で拾ったもみじを押し花にしました。\nしおりにして、お客さまにお配りしています。"),
]


def add_demo_blog(member_ids: list[int]) -> None:
    """Register the demo's blog for the second login and import its entries (the caller
    commits)."""
    if not member_ids:
        return
    member_id = member_ids[1] if len(member_ids) > 1 else member_ids[0]
    now = utcnow()
    blog = MemberBlog(member_id=member_id, feed_url=FEED_URL, site_title=SITE_TITLE,
                      visibility=Visibility.FRIENDS.value, state=ACTIVE, failures=0,
                      created_at=now - timedelta(days=7),
                      next_fetch_at=now + timedelta(
                          minutes=current_app.config["BLOG_FETCH_MINUTES"]))
    db.session.add(blog)
    entries = [Entry(link=f"https://blog.example.com/hanako-flowers/entry-{len(ENTRIES) - n}"
                     ".html", title=title, summary=summary,
                     published=now - timedelta(hours=hours), guid=None)
               for n, (hours, title, summary) in enumerate(ENTRIES)]
    imports.import_entries(blog, entries, now)
    blog.last_fetched_at = blog.last_success_at = now - timedelta(minutes=10)
