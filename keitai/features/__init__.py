"""One package per feature; each exposes a blueprint `bp`."""
from __future__ import annotations

from flask import Flask


def register_features(app: Flask) -> None:
    """Register every feature's blueprint."""
    from keitai.features.exit import bp as exit_bp
    from keitai.features.handset_info import bp as handset_bp
    from keitai.features.top import bp as top_bp

    for blueprint in (top_bp, handset_bp, exit_bp):
        app.register_blueprint(blueprint)
