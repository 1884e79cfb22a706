"""`keitai simulate`: the simulator's UI and HTTP proxy, its mailbox, and script replay."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import click

from simulator.server import SMTP_PORT, UI_PORT, default_data_dir, default_mailbox_dir

DEFAULT_TARGET = "http://127.0.0.1:8000"
_FOLDER = click.Path(file_okay=False, path_type=Path)


@click.group(invoke_without_command=True)
@click.option("--port", default=UI_PORT, show_default=True, type=int, help="UI and proxy port")
@click.option("--target", default=DEFAULT_TARGET, show_default=True, help="site to browse")
@click.option("--data-dir", type=_FOLDER, help="profiles and state [instance/simulator]")
@click.option("--mailbox-dir", type=_FOLDER, help="Maildir of the mailbox [instance/mailbox]")
@click.option("--smtp-port", default=SMTP_PORT, show_default=True, type=int,
              help="the mailbox's SMTP port; 0 runs no mailbox")
@click.pass_context
def simulate(ctx: click.Context, port: int, target: str, data_dir: Path | None,
             mailbox_dir: Path | None, smtp_port: int) -> None:
    """Browse a keitai site from a PC as any handset, and read the mail it sends."""
    if ctx.invoked_subcommand is not None:
        return
    from werkzeug.serving import run_simple

    from simulator.mailbox import MailboxServer
    from simulator.ui import create_simulator

    mailbox = mailbox_dir or default_mailbox_dir()
    app = create_simulator(target, data_dir or default_data_dir(), mailbox,
                           smtp_url=f"smtp://127.0.0.1:{smtp_port or SMTP_PORT}")
    smtp = MailboxServer(mailbox, port=smtp_port) if smtp_port else None
    if smtp is not None:
        smtp.start()
        click.echo(f"mailbox: smtp://127.0.0.1:{smtp_port} -> {mailbox}")
    click.echo(f"handset simulator: http://127.0.0.1:{port}/  (HTTP proxy on the same port)")
    click.echo(f"browsing {target}")
    try:
        run_simple("127.0.0.1", port, app, threaded=True, use_reloader=False)
    finally:
        if smtp is not None:
            smtp.stop()


@simulate.command("replay")
@click.argument("script", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--target", default=DEFAULT_TARGET, show_default=True, help="site to browse")
@click.option("--data-dir", type=_FOLDER, help="whose profiles.json to use [instance/simulator]")
@click.option("--mailbox-dir", type=_FOLDER, help="Maildir to read mail from [instance/mailbox]")
def replay_command(script: Path, target: str, data_dir: Path | None,
                   mailbox_dir: Path | None) -> None:
    """Replay a recorded script against the target with fresh cookie jars; fail on a miss."""
    from simulator.replay import Player, ReplayError
    from simulator.script import ScriptError, parse_script
    from simulator.session import PROFILES_FILE, Simulator

    profiles = (data_dir or default_data_dir()) / PROFILES_FILE
    with tempfile.TemporaryDirectory(prefix="keitai-replay-") as scratch:
        if profiles.exists():
            shutil.copy(profiles, Path(scratch) / PROFILES_FILE)
        player = Player(Simulator(target, Path(scratch), mailbox_dir or default_mailbox_dir()))
        try:
            for step in parse_script(script.read_text(encoding="utf-8")):
                result = player.play(step)
                player.results.append(result)
                click.echo(f"ok  {step.line:>3}  {step}  ({result.note})")
        except (ScriptError, ReplayError) as failed:
            raise click.ClickException(str(failed)) from None
    click.echo(f"{len(player.results)} steps passed")
