"""The `keitai` command line: run, migrate and administer the site."""
from __future__ import annotations

import os

import click

from keitai import migrations


def database_url() -> str:
    """Return the database the commands work on (KEITAI_DATABASE_URL or the SQLite file)."""
    from keitai.config import from_environment

    return str(from_environment()["DATABASE_URL"])


@click.group()
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


@db.command("purge-sessions")
def db_purge_sessions() -> None:
    """Delete sessions that have expired."""
    from keitai import create_app
    from keitai.gateway.sessions import purge_expired

    app = create_app()
    with app.app_context():
        count = purge_expired(app.config["SESSION_IDLE_SECONDS"])
    click.echo(f"deleted {count} expired sessions")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
def serve(host: str, port: int) -> None:
    """Serve the site with the development server (use gunicorn in production)."""
    from werkzeug.serving import run_simple

    from keitai import create_app

    run_simple(host, port, create_app(), threaded=True, use_reloader=False)


@main.command()
@click.option("--port", default=8000, show_default=True, type=int)
def demo(port: int) -> None:
    """Set up the SQLite database and serve the site on 127.0.0.1."""
    os.environ.setdefault("KEITAI_TRUSTED_PROXIES", "127.0.0.1/32")
    migrations.upgrade(database_url())
    click.echo(f"keitai demo: http://127.0.0.1:{port}/  (handset info: /handset)")
    serve.callback(host="127.0.0.1", port=port)  # type: ignore[misc]
