"""The `keitai` command line: run, migrate and administer the site."""
from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from urllib.parse import urlsplit

import click

from keitai import migrations
from keitai.cli_accounts import admin, app_context, create_member, invite, premium, unit_of_work
from keitai.cli_news import news

#: what the operator is told when a simulator command runs without the simulator's extra
SIMULATOR_MISSING = ('the handset simulator is not installed; install it with: '
                     'pip install "keitai[simulator]"')


def simulator_installed() -> bool:
    """Tell whether the simulator's extra (aiosmtpd, its mailbox server) is installed."""
    try:
        return importlib.util.find_spec("aiosmtpd") is not None
    except ImportError:
        return False


def require_simulator() -> None:
    """Stop with a one-line hint unless the simulator's extra is installed."""
    if not simulator_installed():
        raise click.ClickException(SIMULATOR_MISSING)


def _not_installed(name: str) -> click.Command:
    """Stand in for a simulator command: listed in --help, refusing with the hint when run."""
    return click.Command(
        name, callback=require_simulator, add_help_option=False,
        help='The handset simulator (not installed: pip install "keitai[simulator]").',
        context_settings={"ignore_unknown_options": True, "allow_extra_args": True})


class KeitaiCommands(click.Group):
    """The `keitai` group: the simulator's commands are imported only when they are run.

    An operator's install has no simulator extra, and the site's own commands (db upgrade,
    serve, create-member, seed) must never import the simulator or its mailbox server.
    """

    #: command name -> "module:attribute" of a command kept outside keitai/
    lazy = {"simulate": "simulator.cli:simulate", "check": "simulator.checker.cli:check"}
    #: lazy commands that need the simulator's extra (the checker needs nothing beyond keitai)
    needs_extra = frozenset({"simulate"})

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Name every command, the simulator's too, without importing them."""
        return sorted([*super().list_commands(ctx), *self.lazy])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """Return a command, importing a lazy one (and checking its extra) on first use."""
        if cmd_name not in self.lazy:
            return super().get_command(ctx, cmd_name)
        if cmd_name in self.needs_extra and not simulator_installed():
            return _not_installed(cmd_name)
        module, attribute = self.lazy[cmd_name].split(":")
        try:
            command = getattr(importlib.import_module(module), attribute)
        except ModuleNotFoundError:  # an install stripped of the simulator package
            return _not_installed(cmd_name)
        assert isinstance(command, click.Command)
        return command


def database_url() -> str:
    """Return the database the commands work on (KEITAI_DATABASE_URL or the SQLite file)."""
    from keitai.config import from_environment

    return str(from_environment()["DATABASE_URL"])


@click.group(cls=KeitaiCommands)
def main() -> None:
    """Run and administer the keitai site."""


@main.group()
def db() -> None:
    """Manage the database schema."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True)
def db_upgrade(revision: str) -> None:
    """Bring the database schema up to date."""
    migrations.upgrade(database_url(), revision)
    click.echo(f"database is at {revision}")


@main.group()
def search() -> None:
    """Manage the search index."""


@search.command("reindex")
@click.option("--kind", "kinds", multiple=True,
              type=click.Choice(["members", "communities", "diaries", "topics"]),
              help="rebuild only this kind (repeatable); every kind by default")
def search_reindex(kinds: tuple[str, ...]) -> None:
    """Rebuild the search index from the database (searches go on meanwhile)."""
    from keitai.search.command import reindex_with_progress
    from keitai.search.engines import KINDS

    with app_context():
        reindex_with_progress(kinds or KINDS)


@db.command("purge-sessions")
def db_purge_sessions() -> None:
    """Delete sessions that have expired."""
    from flask import current_app

    from keitai.gateway.sessions import purge_expired

    with unit_of_work():
        count = purge_expired(current_app.config["SESSION_IDLE_SECONDS"])
    click.echo(f"deleted {count} expired sessions")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--no-worker", "no_worker", is_flag=True,
              help="leave the job queue to separate `keitai worker` processes")
def serve(host: str, port: int, no_worker: bool = False) -> None:
    """Serve the site with the development server and a worker thread (gunicorn in production)."""
    from werkzeug.serving import run_simple

    from keitai import create_app
    from keitai.db import db as database
    from keitai.jobs.worker import BackgroundWorker

    app = create_app()
    worker = None if no_worker else BackgroundWorker(app).start()
    try:
        run_simple(host, port, app, threaded=True, use_reloader=False)
    finally:
        if worker is not None:
            worker.stop()
        with app.app_context():  # close the site's and the worker's pooled connections
            database.dispose()


@main.command()
@click.option("--once", is_flag=True, help="run the jobs that are due, then exit")
def worker(once: bool) -> None:
    """Run the job queue (mail, ...) until SIGTERM or Ctrl-C; run several on PostgreSQL."""
    import logging
    import signal
    import threading

    from keitai.jobs.worker import Worker

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: "
                        "%(message)s")
    with app_context() as app:
        runner = Worker(app)
        if once:
            click.echo(f"ran {len(runner.drain())} jobs")
            gone = runner.maintain()
            click.echo(f"deleted {gone['sessions']} expired sessions and "
                       f"{gone['rate_counters']} expired rate counters")
            return
        stopping = threading.Event()
        for signal_number in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signal_number, lambda _number, _frame: stopping.set())
        click.echo("keitai worker: running jobs (stop: Ctrl-C or SIGTERM, after the current job)")
        runner.run(stopping)
        click.echo("keitai worker: stopped")


@main.command()
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--simulator-port", "simulator_port", default=8001, show_default=True, type=int)
def demo(port: int, simulator_port: int = 8001) -> None:
    """Set up the SQLite database and serve the site on 127.0.0.1, the mailbox and a worker."""
    require_simulator()
    from keitai.config import INSTANCE_DIR
    from simulator.mailbox import running

    os.environ["KEITAI_DEMO"] = "1"  # the top page links to the demo's logins
    os.environ.setdefault("KEITAI_TRUSTED_PROXIES", "127.0.0.1/32")
    os.environ.setdefault("KEITAI_ADMIN_NETWORKS", "127.0.0.1/32")  # the console, from here
    os.environ.setdefault("KEITAI_BASE_URL", f"http://127.0.0.1:{port}")
    os.environ.setdefault("KEITAI_SMTP_URL", "smtp://127.0.0.1:8025")
    migrations.upgrade(database_url())
    from keitai.seed.command import seed_demo

    seed_demo()
    from keitai.features.admin.demo import ensure_demo_operator

    ensure_demo_operator()  # its console login code goes to the demo's mailbox
    smtp = urlsplit(os.environ["KEITAI_SMTP_URL"])
    from keitai import create_app
    from keitai.mail_in.intake import Intake

    posting = create_app()  # the mailbox hands mail for the posting domain to mail-in
    with running(INSTANCE_DIR / "mailbox", host=smtp.hostname or "127.0.0.1",
                 port=smtp.port or 8025,
                 routes={posting.config["MAIL_IN_DOMAIN"]: Intake(posting)}):
        click.echo(f"keitai demo: http://127.0.0.1:{port}/  (handset info: /handset)")
        click.echo(f"mail is kept in {INSTANCE_DIR / 'mailbox'} (read it: keitai mailbox)")
        from simulator.server import serve_in_background

        serve_in_background(f"http://127.0.0.1:{port}", port=simulator_port,
                            data_dir=INSTANCE_DIR / "simulator",
                            mailbox_dir=INSTANCE_DIR / "mailbox",
                            smtp_url=os.environ["KEITAI_SMTP_URL"])
        click.echo(f"handset simulator: http://127.0.0.1:{simulator_port}/  (mail: /mail)")
        serve.callback(host="127.0.0.1", port=port)  # type: ignore[misc]


for _command in (create_member, invite, premium, admin):
    main.add_command(_command)
main.add_command(news)


@main.command()
@click.option("--last", default=5, show_default=True, help="how many messages to show")
def mailbox(last: int) -> None:
    """Show the latest mail the demo's mailbox received (subject, recipient, body)."""
    require_simulator()
    from keitai.config import INSTANCE_DIR
    from simulator.mailbox import Mailbox

    messages = Mailbox(INSTANCE_DIR / "mailbox").messages()[-last:]
    if not messages:
        click.echo("No mail yet.")
    for message in messages:
        click.echo(f"To: {message['To']}\nSubject: {message['Subject']}\n")
        click.echo(message.get_content())


@main.command("mail-in")
@click.option("--recipient", help="pipe mode: the envelope recipient (ORIGINAL_RECIPIENT)")
@click.option("--lmtp", "lmtp", metavar="HOST:PORT", help="serve LMTP instead of reading stdin")
def mail_in(recipient: str | None, lmtp: str | None) -> None:
    """Take a posting mail: one on stdin (exit 0 taken, 67 unknown address, 75 try later)."""
    from keitai.mail_in import command

    if lmtp:
        command.run_lmtp(lmtp)
        return
    sys.exit(command.run_pipe(recipient))


@main.command("seed")
@click.option("--members", default=1000, show_default=True, type=click.IntRange(2, None))
@click.option("--diaries", type=click.IntRange(0, None), help="default: 10 per member")
@click.option("--seed", "seed_value", default=2007, show_default=True, type=int,
              help="the same seed gives the same network")
def seed(members: int, diaries: int | None, seed_value: int) -> None:
    """Fill the database with a made-up network: friends, diaries, comments, messages."""
    from keitai.seed.command import seed as run

    migrations.upgrade(database_url())
    run(members, diaries, seed_value)

