"""The body of `keitai mail-in` (keitai.cli): a piped mail, or an LMTP server until stopped."""
from __future__ import annotations

import importlib.util
import os
import signal
import sys
import threading

import click
from flask import Flask

from keitai.mail_in.intake import Intake
from keitai.mail_in.lmtp import EX_USAGE, HARD_LIMIT_FACTOR, deliver_piped, lmtp_controller

#: what an operator is told when --lmtp runs without aiosmtpd
LMTP_MISSING = 'the LMTP server needs aiosmtpd; install it with: pip install "keitai[lmtp]"'


def run_pipe(recipient: str | None) -> int:
    """Take the mail on stdin for recipient; return the exit status for the MTA."""
    from keitai import create_app

    recipient = recipient or os.environ.get("ORIGINAL_RECIPIENT") or ""
    if not recipient:
        click.echo("keitai mail-in: no recipient (--recipient ADDR)", err=True)
        return EX_USAGE
    app = create_app()
    most = int(app.config["MAIL_IN_MAX_BYTES"]) * HARD_LIMIT_FACTOR
    raw = sys.stdin.buffer.read(most + 1)
    try:
        return deliver_piped(Intake(app), raw, recipient)
    finally:
        _close(app)


def _close(app: Flask) -> None:
    """Close the app's pooled database connections."""
    from keitai.db import db

    with app.app_context():
        db.dispose()


def run_lmtp(where: str) -> None:
    """Serve LMTP on HOST:PORT until SIGTERM or Ctrl-C."""
    if importlib.util.find_spec("aiosmtpd") is None:
        raise click.ClickException(LMTP_MISSING)
    from keitai import create_app

    host, _colon, port = where.rpartition(":")
    if not port.isdigit():
        raise click.ClickException("--lmtp takes HOST:PORT, e.g. 127.0.0.1:2424")
    app = create_app()
    server = lmtp_controller(Intake(app), host or "127.0.0.1", int(port),
                             int(app.config["MAIL_IN_MAX_BYTES"]))
    stopping = threading.Event()
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda _number, _frame: stopping.set())
    server.start()
    click.echo(f"keitai mail-in: LMTP on {host or '127.0.0.1'}:{port} for "
               f"@{app.config['MAIL_IN_DOMAIN']} (stop: Ctrl-C or SIGTERM)")
    try:
        stopping.wait()
    finally:
        server.stop()
        _close(app)
