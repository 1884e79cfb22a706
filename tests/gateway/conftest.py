"""The gateway tests mount a small test-only blueprint on the app."""
from __future__ import annotations

import pytest
from flask import Flask

from tests.gateway.views import bp


@pytest.fixture()
def app(app: Flask) -> Flask:
    """Give the app with the test blueprint registered."""
    app.register_blueprint(bp)
    return app
