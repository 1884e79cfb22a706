"""The gateway tests mount a small test-only blueprint (and its table) on the app."""
from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from keitai.db import db
from tests.gateway.views import board_metadata, bp


@pytest.fixture()
def app(app: Flask) -> Iterator[Flask]:
    """Give the app with the test blueprint registered and its table created."""
    app.register_blueprint(bp)
    with app.app_context():
        board_metadata.create_all(db.engine)
    yield app
    with app.app_context():
        board_metadata.drop_all(db.engine)
