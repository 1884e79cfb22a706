"""The operator's commands: create a member, invite the first members."""
from __future__ import annotations

import re

from click.testing import CliRunner

from keitai.cli import main
from tests.accounts.conftest import log_in, mail_link


def run(app, *args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    env = {"KEITAI_DATABASE_URL": app.config["DATABASE_URL"],
           "KEITAI_SMTP_URL": app.config["SMTP_URL"], "KEITAI_BASE_URL": "http://keitai.test",
           "KEITAI_ARGON2_TIME_COST": "1", "KEITAI_ARGON2_MEMORY_KIB": "1024"}
    return CliRunner().invoke(main, list(args), env=env, input=stdin)


def test_create_member_prints_the_id_of_a_member_who_can_log_in(app, handset) -> None:
    result = run(app, "create-member", "Admin@Example.com", "--nickname", "管理人",
                 "--password-stdin", stdin="sakura-2004\n")
    assert result.exit_code == 0, result.output
    assert re.fullmatch(r"\d+\n", result.output)
    pc = handset("pc-Firefox")
    assert log_in(pc, "admin@example.com", "sakura-2004").status_int == 302
    assert "管理人さん" in pc.get("/").text


def test_create_member_refuses_a_taken_address_and_a_short_password(app) -> None:
    assert run(app, "create-member", "a@example.com", "--nickname", "a",
               "--password-stdin", stdin="sakura-2004\n").exit_code == 0
    taken = run(app, "create-member", "A@example.com", "--nickname", "b",
                "--password-stdin", stdin="sakura-2004\n")
    assert taken.exit_code == 1 and "すでに登録されています" in taken.output
    short = run(app, "create-member", "c@example.com", "--nickname", "c", "--password-stdin",
                stdin="123\n")
    assert short.exit_code == 1 and "8文字以上" in short.output
    assert "sakura" not in taken.output + short.output


def test_create_member_takes_no_password_on_the_command_line(app) -> None:
    refused = run(app, "create-member", "a@example.com", "--nickname", "a",
                  "--password", "sakura-2004")
    assert refused.exit_code == 2 and "No such option" in refused.output


def test_create_member_asks_for_the_password_twice_without_echoing_it(app, handset) -> None:
    result = run(app, "create-member", "b@example.com", "--nickname", "b",
                 stdin="sakura-2004\nsakura-2004\n")
    assert result.exit_code == 0, result.output
    assert "sakura-2004" not in result.output and "Repeat for confirmation" in result.output
    assert log_in(handset("pc-Firefox"), "b@example.com", "sakura-2004").status_int == 302


def test_invite_mails_the_sign_up_link_and_prints_it(app, handset, mailbox) -> None:
    result = run(app, "invite", "first@docomo.ne.jp")
    assert result.exit_code == 0, result.output
    [message] = mailbox.messages("first@docomo.ne.jp")
    assert message["Subject"] == "けいたいSNSへの招待"
    assert mail_link(message) in result.output
    phone = handset("docomo-N505i")
    assert "ニックネーム" in phone.text(phone.get(mail_link(message)))
