"""deliver() against real SMTP servers: STARTTLS, SMTPS, AUTH LOGIN and PLAIN, refusals.

The servers are aiosmtpd with a self-signed certificate made by the openssl command for
127.0.0.1; deliver() trusts it only when told to (KEITAI_SMTP_CA_FILE).
"""
from __future__ import annotations

import smtplib
import ssl
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.mime.text import MIMEText
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session
from flask import Flask

from keitai.mail.smtp import deliver
from tests.accounts.conftest import free_port
from tests.outbox import jobs_in, run_jobs

USER, PASSWORD = "keitai", "p@ss:w/rd"


@dataclass
class Received:
    """What one message arrived with."""

    rcpt: list[str]
    body: bytes
    tls: bool
    login: bytes | None


@dataclass
class Recorder:
    """An aiosmtpd handler that keeps what arrives; refuses recipients at refused.example."""

    received: list[Received] = field(default_factory=list)
    mechanisms: list[str] = field(default_factory=list)

    async def handle_RCPT(self, server: SMTP, session: Session, envelope: Envelope,
                          address: str, options: list[str]) -> str:
        if address.endswith("@refused.example"):
            return "550 5.1.1 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        assert server.transport is not None
        self.received.append(Received(
            list(envelope.rcpt_tos), envelope.original_content or b"",
            server.transport.get_extra_info("ssl_object") is not None,
            session.auth_data.login if session.auth_data else None))
        return "250 OK"

    def authenticate(self, server: SMTP, session: Session, envelope: Envelope,
                     mechanism: str, auth_data: Any) -> AuthResult:
        """Accept USER with PASSWORD; note the mechanism the client chose."""
        assert isinstance(auth_data, LoginPassword)
        self.mechanisms.append(mechanism)
        good = auth_data.login == USER.encode() and auth_data.password == PASSWORD.encode()
        return AuthResult(success=good, handled=False, auth_data=auth_data)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Make a self-signed certificate for 127.0.0.1; return (certificate, key)."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    return cert, key


def server_context(certificate: tuple[Path, Path]) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*certificate)
    return context


@dataclass
class Server:
    """A running SMTP server and what it received."""

    port: int
    recorder: Recorder


def run(handler: Recorder, **kwargs: Any) -> Iterator[Server]:
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port,
                            authenticator=handler.authenticate, **kwargs)
    controller.start()
    try:
        yield Server(port, handler)
    finally:
        controller.stop()


@pytest.fixture(params=["LOGIN", "PLAIN"])
def starttls_server(request: pytest.FixtureRequest,
                    certificate: tuple[Path, Path]) -> Iterator[Server]:
    """An SMTP server that requires STARTTLS before AUTH and offers one AUTH mechanism."""
    request.node.mechanism = request.param
    other = {"LOGIN": "PLAIN", "PLAIN": "LOGIN"}[request.param]
    yield from run(Recorder(), tls_context=server_context(certificate), require_starttls=True,
                   auth_require_tls=True, auth_required=True, auth_exclude_mechanism=[other])


@pytest.fixture()
def smtps_server(certificate: tuple[Path, Path]) -> Iterator[Server]:
    """An SMTP server spoken to over TLS from the first byte (port 465 style)."""
    # aiosmtpd only knows TLS it started itself (STARTTLS): it counts this connection as clear
    yield from run(Recorder(), ssl_context=server_context(certificate), auth_require_tls=False)


def message(to: str = "taro@example.com") -> MIMEText:
    mail = MIMEText("本文です\n", "plain", "utf-8")
    mail["Subject"], mail["From"], mail["To"] = "test", "info@keitai.test", to
    return mail


def login_url(scheme: str, port: int, password: str = PASSWORD) -> str:
    from urllib.parse import quote

    return f"{scheme}://{USER}:{quote(password, safe='')}@127.0.0.1:{port}"


def test_starttls_then_login_delivers(
        starttls_server: Server, certificate: tuple[Path, Path],
        request: pytest.FixtureRequest) -> None:
    deliver(login_url("smtp+starttls", starttls_server.port), "info@keitai.test",
            "taro@example.com", message(), cafile=str(certificate[0]))
    [got] = starttls_server.recorder.received
    assert got.rcpt == ["taro@example.com"] and got.tls and got.login == USER.encode()
    assert starttls_server.recorder.mechanisms == [request.node.mechanism]
    assert b"\r\n\r\n" in got.body


def test_smtps_then_login_delivers(smtps_server: Server, certificate: tuple[Path, Path]) -> None:
    deliver(login_url("smtps", smtps_server.port), "info@keitai.test", "taro@example.com",
            message(), cafile=str(certificate[0]))
    [got] = smtps_server.recorder.received
    assert got.rcpt == ["taro@example.com"] and got.tls and got.login == USER.encode()


def test_a_wrong_password_is_refused(
        starttls_server: Server, certificate: tuple[Path, Path]) -> None:
    with pytest.raises(smtplib.SMTPAuthenticationError):
        deliver(login_url("smtp+starttls", starttls_server.port, "wrong"), "info@keitai.test",
                "taro@example.com", message(), cafile=str(certificate[0]))
    assert starttls_server.recorder.received == []


@pytest.mark.parametrize("scheme", ["smtp+starttls", "smtps"])
def test_a_certificate_nobody_vouches_for_is_refused(
        scheme: str, starttls_server: Server, smtps_server: Server) -> None:
    server = starttls_server if scheme == "smtp+starttls" else smtps_server
    with pytest.raises(ssl.SSLCertVerificationError):
        deliver(login_url(scheme, server.port), "info@keitai.test", "taro@example.com",
                message())
    assert server.recorder.received == []


def test_a_refused_login_is_recorded_on_the_mail_job_and_tried_again(
        app: Flask, queue_mail: Callable[..., None], starttls_server: Server,
        certificate: tuple[Path, Path]) -> None:
    app.config.update(SMTP_URL=login_url("smtp+starttls", starttls_server.port, "wrong"),
                      SMTP_CA_FILE=str(certificate[0]))
    queue_mail("taro@example.com")
    run_jobs(app)
    [job] = jobs_in(app)
    assert job.state == "pending" and job.attempts == 1
    assert job.last_error is not None
    assert job.last_error.startswith("MailNotSent: SMTPAuthenticationError: (535")
    app.config["SMTP_URL"] = login_url("smtp+starttls", starttls_server.port)
    from datetime import timedelta

    from keitai.models.base import utcnow

    run_jobs(app, utcnow() + timedelta(hours=1))
    assert [got.rcpt for got in starttls_server.recorder.received] == [["taro@example.com"]]
    assert jobs_in(app)[0].state == "done"


def test_a_recipient_the_server_refuses_for_good_is_dead_at_once(
        app: Flask, queue_mail: Callable[..., None], smtps_server: Server,
        certificate: tuple[Path, Path]) -> None:
    app.config.update(SMTP_URL=login_url("smtps", smtps_server.port),
                      SMTP_CA_FILE=str(certificate[0]))
    queue_mail("nobody@refused.example", "taro@example.com")
    run_jobs(app)
    refused, sent = jobs_in(app)
    assert refused.state == "dead" and refused.attempts == 1
    assert refused.last_error is not None and "MailRefused" in refused.last_error
    assert "550" in refused.last_error
    assert sent.state == "done"
    assert [got.rcpt for got in smtps_server.recorder.received] == [["taro@example.com"]]
