"""Run the simulator's UI (and, standing alone, its mailbox) on 127.0.0.1."""
from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

#: the fixed ports: app 8000, simulator 8001, its SMTP mailbox 8025 (README, `keitai` command)
UI_PORT = 8001
SMTP_PORT = 8025


def instance_dir() -> Path:
    """Return the instance folder the keitai commands use (KEITAI_INSTANCE_DIR or ./instance)."""
    return Path(os.environ.get("KEITAI_INSTANCE_DIR") or Path.cwd() / "instance")


def default_data_dir() -> Path:
    """Return the simulator's data folder: profiles.json and state.sqlite3."""
    return instance_dir() / "simulator"


def default_mailbox_dir() -> Path:
    """Return the Maildir the demo's mailbox writes to."""
    return instance_dir() / "mailbox"


class QuietHandler(WSGIRequestHandler):
    """Serve requests without a log line each (tests start several servers)."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """Log nothing."""


class ServerThread:
    """A threaded WSGI server on 127.0.0.1 in a background thread."""

    def __init__(self, app: Any, port: int = 0, host: str = "127.0.0.1", *,
                 quiet: bool = False) -> None:
        handler = QuietHandler if quiet else WSGIRequestHandler
        self.server: BaseWSGIServer = make_server(host, port, app, threaded=True,
                                                  request_handler=handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True,
                                       name=f"wsgi-{self.server.port}")

    @property
    def url(self) -> str:
        """Return the server's base URL."""
        return f"http://{self.server.host}:{self.server.port}"

    def start(self) -> ServerThread:
        """Start serving."""
        self.thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and wait for the thread."""
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)


def serve_in_background(target: str, port: int = UI_PORT, data_dir: Path | None = None,
                        mailbox_dir: Path | None = None,
                        smtp_url: str | None = None) -> ServerThread:
    """Start the simulator UI for target in a background thread (keitai demo does this)."""
    from simulator.ui import create_simulator

    app = create_simulator(target, data_dir or default_data_dir(),
                           mailbox_dir or default_mailbox_dir(), smtp_url=smtp_url)
    return ServerThread(app, port).start()
