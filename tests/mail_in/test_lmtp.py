"""`keitai mail-in`: over LMTP (550 for an unknown address, one answer per recipient after
DATA) and on a pipe (the exit status an MTA reads)."""
from __future__ import annotations

import smtplib
from collections.abc import Iterator

import pytest
from click.testing import CliRunner
from flask import Flask

from keitai.mail_in.intake import Intake
from keitai.mail_in.lmtp import (
    EX_NOUSER,
    EX_OK,
    EX_TEMPFAIL,
    EX_USAGE,
    deliver_piped,
    lmtp_controller,
)
from simulator.mailcompose import carrier_mail
from tests.mail_in.posting import HANDSETS, Site, free_port, photo, site_fixture  # noqa: F401

AU = HANDSETS["au"]


@pytest.fixture()
def lmtp(site: Site) -> Iterator[tuple[str, int]]:
    """Run the LMTP server of `keitai mail-in --lmtp` on a free port."""
    port = free_port()
    server = lmtp_controller(Intake(site.app), "127.0.0.1", port, 10 * 1024 * 1024)
    server.start()
    try:
        yield "127.0.0.1", port
    finally:
        server.stop()


def test_lmtp_takes_a_mail_for_a_posting_address_and_the_worker_posts_it(
        site: Site, lmtp: tuple[str, int]) -> None:
    member = site.member("au")
    to = site.address(member)
    with smtplib.LMTP(*lmtp) as client:
        refused = client.sendmail(AU, [to], carrier_mail(AU, to, "LMTPで", "本文", [photo()]))
    assert refused == {}
    site.work()
    [diary] = site.diaries(member)
    assert diary.title == "LMTPで" and site.pictures(member) == 1


def test_lmtp_refuses_an_unknown_posting_address_at_rcpt(site: Site,
                                                         lmtp: tuple[str, int]) -> None:
    member = site.member("au")
    to = site.address(member)
    unknown = "m-" + "b" * 16 + "@" + to.partition("@")[2]
    with smtplib.LMTP(*lmtp) as client:
        client.ehlo_or_helo_if_needed()
        client.mail(AU)
        code, _text = client.rcpt(unknown)
        assert code == 550
        assert client.rcpt("someone@elsewhere.example")[0] == 550
        assert client.rcpt(to)[0] == 250
        code, _text = client.data(carrier_mail(AU, to, "一通", "本文"))
        assert code == 250
    site.work()
    assert len(site.diaries(member)) == 1


def test_a_piped_mail_exits_as_an_mta_expects(site: Site) -> None:
    member = site.member("au")
    to = site.address(member)
    intake = Intake(site.app)
    raw = carrier_mail(AU, to, "パイプ", "本文", message_id="<p1@ezweb.ne.jp>")
    assert deliver_piped(intake, raw, to) == EX_OK
    assert deliver_piped(intake, raw, to) == EX_OK  # a second delivery: taken, not posted
    assert deliver_piped(intake, raw, "m-" + "c" * 16 + "@" + to.partition("@")[2]) == EX_NOUSER
    assert deliver_piped(intake, raw, "") == EX_USAGE
    site.work()
    assert [d.title for d in site.diaries(member)] == ["パイプ"]


def test_a_database_that_fails_makes_the_mta_try_again(site: Site) -> None:
    broken = Intake(site.app)
    broken.app = Flask("broken")  # no database at all: every lookup fails
    assert deliver_piped(broken, b"Subject: x\r\n\r\nx", "m-x@post.keitai.test") == EX_TEMPFAIL


def test_keitai_mail_in_reads_stdin_and_exits_67_for_an_unknown_address(
        site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    from keitai import cli

    monkeypatch.setenv("KEITAI_DATABASE_URL", site.app.config["DATABASE_URL"])
    monkeypatch.setenv("KEITAI_MAIL_IN_DOMAIN", site.app.config["MAIL_IN_DOMAIN"])
    member = site.member("au")
    to = site.address(member)
    raw = carrier_mail(AU, to, "コマンド", "本文")
    runner = CliRunner()
    taken = runner.invoke(cli.main, ["mail-in", "--recipient", to], input=raw)
    assert taken.exit_code == EX_OK, taken.output
    unknown = runner.invoke(cli.main, ["mail-in", "--recipient", "m-" + "d" * 16 + "@"
                                       + to.partition("@")[2]], input=raw)
    assert unknown.exit_code == EX_NOUSER
    site.work()
    assert [d.title for d in site.diaries(member)] == ["コマンド"]
