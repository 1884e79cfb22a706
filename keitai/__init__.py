"""keitai: a mixi-style social network for Japanese feature phones, smartphones and PCs."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask

#: one Jinja template per page, shared by every carrier (mail templates in its mail/): the
#: top-level templates_chtml/ beside this package, in a checkout, an editable install (whose
#: keitai/ is the checkout's) and an installed wheel (which puts both in site-packages) alike
TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates_chtml"


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the application: configuration, database, gateway, features."""
    from keitai import config as settings
    from keitai import errors, gateway, kv, layout, numbers, replica, stylesheet, uow
    from keitai.application import KeitaiFlask
    from keitai.db import db
    from keitai.features import register_features

    # static_folder=None: keitai/static/ is served by keitai.stylesheet, with its own caching
    app = KeitaiFlask(__name__, template_folder=str(TEMPLATES_DIR), static_folder=None)
    app.config.update(settings.from_environment())
    app.config.update(config or {})
    settings.finish(app.config)
    numbers.init_app(app)  # before any route is added
    db.init_app(app)
    kv.init_app(app)
    uow.init_app(app)  # before the gateway: its commit runs after the session is saved
    gateway.init_app(app)
    replica.init_app(app)  # after the gateway: it marks the session before it is saved
    errors.init_app(app)
    register_features(app)
    stylesheet.init_app(app)
    layout.init_app(app)
    return app
