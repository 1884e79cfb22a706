"""The simulator's web UI: a phone screen in a PC browser, the mailbox, handsets, scripts."""
from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app

from simulator.session import Simulator
from simulator.transport import Transport

HERE = Path(__file__).resolve().parent


def create_simulator(target: str, data_dir: Path, mailbox_dir: Path, *,
                     transport: Transport | None = None, smtp_url: str | None = None) -> Flask:
    """Build the simulator UI for a target site; state lives under data_dir."""
    from simulator.ui import check, compose, forward, guard, handsets, mail, main, phone, scripts

    app = Flask(__name__, template_folder=str(HERE / "templates"),
                static_folder=str(HERE / "static"), static_url_path="/_sim/static")
    app.extensions["simulator"] = Simulator(target, Path(data_dir), Path(mailbox_dir), transport,
                                            **({"smtp_url": smtp_url} if smtp_url else {}))
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.filters["ord"] = ord
    app.context_processor(lambda: {"target": simulator().target})
    for blueprint in (main.bp, phone.bp, check.bp, handsets.bp, mail.bp, compose.bp,
                      scripts.bp):
        app.register_blueprint(blueprint)
    forward.init_app(app)
    guard.init_app(app)
    return app


def simulator() -> Simulator:
    """Return the simulator of the running UI app."""
    found: Simulator = current_app.extensions["simulator"]
    return found
