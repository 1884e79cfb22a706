"""The posting-address pages pass the compliance checker on every built-in handset."""
from __future__ import annotations

from collections import Counter

from flask import Flask

from keitai.db import db
from keitai.features.albums.service import create_album
from keitai.mail_in import addresses
from simulator.checker.crawl import Login
from simulator.checker.run import check_site, select_profiles
from simulator.transport import WsgiTransport
from tests.diary.browsing import PASSWORD, add_member
from tests.mail_in.posting import DOMAIN


def test_the_mail_post_pages_have_no_error_for_any_handset(app: Flask) -> None:
    app.config.update(MAIL_IN_DOMAIN=DOMAIN, ARGON2_TIME_COST=1, ARGON2_MEMORY_KIB=1024)
    member = add_member(app, "たろう", "taro.y@docomo.ne.jp")
    with app.app_context():
        album_id = create_album(member, "旅行の写真", "", "everyone", "k" * 16)
        addresses.issue(member)
        addresses.issue(member, album_id)
        db.session.commit()
    report = check_site("http://keitai.test/settings/mail_post",
                        select_profiles(all_handsets=True), transport=WsgiTransport(app),
                        login=Login("taro.y@docomo.ne.jp", PASSWORD), max_pages=6,
                        same_prefix=True, parallel=1)
    assert [run.problem for run in report.runs if run.problem] == []
    visited = {page.url.split("?")[0] for run in report.runs for page in run.pages}
    assert {"http://keitai.test/settings/mail_post", "http://keitai.test/settings/mail_post/albums",
            f"http://keitai.test/settings/mail_post/albums/{album_id}"} <= visited
    errors = [f for f in report.findings if f.severity == "error"]
    assert not errors, (Counter(f.rule for f in errors),
                        [(f.handset, f.rule, f.url, f.message) for f in errors[:10]])
