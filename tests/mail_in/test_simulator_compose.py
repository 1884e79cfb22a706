"""The simulator's メール作成 form in a real browser: a handset mails a photo to its member's
posting address; the mailbox hands it to the site, the worker posts it, the reply arrives."""
from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Browser as PlaywrightBrowser
from playwright.sync_api import expect
from sqlalchemy import select

from keitai import create_app, migrations
from keitai.db import db
from keitai.jobs.worker import BackgroundWorker
from keitai.mail_in import addresses
from keitai.mail_in.intake import Intake
from keitai.members import create_member
from keitai.models.album import Picture
from keitai.models.diary import Diary
from keitai.passwords import hash_password
from simulator.mailbox import MailboxServer
from simulator.server import ServerThread
from simulator.ui import create_simulator
from tests.mail_in.posting import DOMAIN, free_port, jpeg

pytestmark = pytest.mark.slow
#: the W53CA profile's mail address in the simulator's built-in handsets
W53CA_MAIL = "sim.w53ca@ezweb.ne.jp"


@dataclass
class Running:
    app: Flask
    simulator_url: str
    server: MailboxServer


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    """Run the app's worker, a mailbox routing the posting domain to it, and the simulator."""
    folder = tmp_path_factory.mktemp("compose")
    database = f"sqlite:///{folder / 'keitai.sqlite3'}"
    migrations.upgrade(database)
    smtp_port = free_port()
    app = create_app({"DATABASE_URL": database, "SMTP_URL": f"smtp://127.0.0.1:{smtp_port}",
                      "JOB_POLL_SECONDS": 0.05, "MAIL_IN_DOMAIN": DOMAIN,
                      "BASE_URL": "http://keitai.test", "ARGON2_TIME_COST": 1,
                      "ARGON2_MEMORY_KIB": 1024})
    mailbox = MailboxServer(folder / "mailbox", port=smtp_port, routes={DOMAIN: Intake(app)})
    simulator = ServerThread(create_simulator("http://keitai.test", folder / "simulator",
                                              folder / "mailbox",
                                              smtp_url=f"smtp://127.0.0.1:{smtp_port}"),
                             quiet=True)
    worker = BackgroundWorker(app)
    mailbox.start()
    worker.start()
    simulator.start()
    try:
        yield Running(app, simulator.url, mailbox)
    finally:
        simulator.stop()
        worker.stop()
        mailbox.stop()
        with app.app_context():
            db.dispose()


def _posting_address(app: Flask) -> tuple[int, str]:
    with app.app_context():
        member = create_member(email=W53CA_MAIL, nickname="けいた",
                               password_hash=hash_password("kaeru2007"))
        row = addresses.issue(member.id)
        db.session.commit()
        return member.id, addresses.address_of(row)


def _wait_for(found: object, what: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if found():  # type: ignore[operator]
            return
        time.sleep(0.1)
    raise AssertionError(f"waited in vain for {what}")


def test_a_handset_mails_a_photo_to_its_posting_address_from_the_compose_form(
        chromium: PlaywrightBrowser, running: Running, tmp_path: Path) -> None:
    member, to = _posting_address(running.app)
    picture = tmp_path / "camera.jpg"
    picture.write_bytes(jpeg())
    context = chromium.new_context(viewport={"width": 1100, "height": 760}, locale="ja-JP")
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(f"{running.simulator_url}/?handset=au-W53CA")
        page.goto(f"{running.simulator_url}/mail/")
        page.click("#compose-link")
        expect(page.locator("#compose-from")).to_have_text(W53CA_MAIL)
        page.fill("#to", to)
        page.fill("#subject", "公園で")
        page.fill("#body", "桜が咲きました☀")
        page.set_input_files("#file", str(picture))
        page.click("#compose-send")
        expect(page.locator("#compose-sent")).to_contain_text(to)

        def posted() -> bool:
            with running.app.app_context():
                try:
                    diary = db.session.scalars(select(Diary).where(
                        Diary.author_id == member)).first()
                    return diary is not None and db.session.scalar(
                        select(Picture.id).where(Picture.diary_id == diary.id)) is not None
                finally:
                    db.session.remove()

        _wait_for(posted, "the mailed diary and its photo")
        _wait_for(lambda: running.server.mailbox.messages(W53CA_MAIL), "the reply mail")
        page.goto(f"{running.simulator_url}/mail/")
        expect(page.locator(f'.mail-group[data-address="{W53CA_MAIL}"]')).to_contain_text(
            "日記を投稿しました")
        expect(page.locator(f'.mail-group[data-address="{to}"]')).to_contain_text("公園で")

        page.goto(f"{running.simulator_url}/mail/compose")
        page.fill("#to", "m-" + "z" * 16 + "@" + DOMAIN)
        page.fill("#subject", "宛先違い")
        page.click("#compose-send")
        expect(page.locator("#compose-error")).to_contain_text("550")
    finally:
        context.close()
