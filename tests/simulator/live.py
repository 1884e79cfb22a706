"""Live servers for end-to-end tests: the real app, the mailbox and the simulator on 127.0.0.1."""
from __future__ import annotations

import smtplib
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.header import Header
from email.mime.text import MIMEText
from pathlib import Path

from keitai import create_app, migrations
from keitai.jobs.worker import BackgroundWorker
from simulator.mailbox import MailboxServer
from simulator.replay import Player, replay
from simulator.server import ServerThread
from simulator.ui import create_simulator


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Stack:
    """The app, its mailbox and the simulator pointed at the app, all running."""

    app_url: str
    simulator_url: str
    smtp_port: int
    mailbox_dir: Path
    data_dir: Path

    def send_mail(self, to: str, subject: str, body: str, charset: str = "iso-2022-jp") -> None:
        """Send a mail to the mailbox as the app would."""
        send_mail(self.smtp_port, to, subject, body, charset)

    def replay(self, script: str | Path) -> Player:
        """Replay a script against the live app over HTTP, reading this stack's mailbox."""
        return replay(script, target=self.app_url, mailbox_dir=self.mailbox_dir)


def send_mail(port: int, to: str, subject: str, body: str, charset: str = "iso-2022-jp") -> None:
    """Send a text mail through the SMTP server on port."""
    message = MIMEText(body, "plain", charset)
    message["Subject"] = Header(subject, charset)
    message["From"] = "no-reply@keitai.test"
    message["To"] = to
    with smtplib.SMTP("127.0.0.1", port) as client:
        client.sendmail("no-reply@keitai.test", [to], message.as_bytes())


@contextmanager
def running_stack(folder: Path) -> Iterator[Stack]:
    """Run the real app on a migrated SQLite file, the mailbox, and the simulator."""
    database = f"sqlite:///{folder / 'keitai.sqlite3'}"
    migrations.upgrade(database)
    smtp_port = free_port()
    app = create_app({"DATABASE_URL": database, "TRUSTED_PROXIES": ["127.0.0.1/32"],
                      "SMTP_URL": f"smtp://127.0.0.1:{smtp_port}", "JOB_POLL_SECONDS": 0.1})
    app_server = ServerThread(app, quiet=True)
    app.config["BASE_URL"] = app_server.url
    mailbox = MailboxServer(folder / "mailbox", port=smtp_port)
    simulator = ServerThread(create_simulator(app_server.url, folder / "simulator",
                                              folder / "mailbox"), quiet=True)
    worker = BackgroundWorker(app)  # sends the app's mail, as in `keitai demo`
    app_server.start()
    mailbox.start()
    worker.start()
    simulator.start()
    try:
        yield Stack(app_server.url, simulator.url, smtp_port, folder / "mailbox",
                    folder / "simulator")
    finally:
        simulator.stop()
        worker.stop()
        mailbox.stop()
        app_server.stop()
        from keitai.db import db

        with app.app_context():
            db.dispose()
