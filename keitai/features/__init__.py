"""One package per feature; each exposes a blueprint `bp`."""
from __future__ import annotations

from flask import Flask


def register_features(app: Flask) -> None:
    """Register every feature's blueprint."""
    from keitai.features.easy_login import bp as easy_login_bp
    from keitai.features.exit import bp as exit_bp
    from keitai.features.handset_info import bp as handset_bp
    from keitai.features.login import bp as login_bp
    from keitai.features.password_reset import bp as password_reset_bp
    from keitai.features.settings import bp as settings_bp
    from keitai.features.signup import bp as signup_bp
    from keitai.features.top import bp as top_bp

    for blueprint in (top_bp, handset_bp, exit_bp, login_bp, easy_login_bp, signup_bp,
                      settings_bp, password_reset_bp):
        app.register_blueprint(blueprint)

    from keitai.features.diary import bp as diary_bp  # issue #5, part B
    from keitai.features.messages import bp as messages_bp

    for blueprint in (diary_bp, messages_bp):
        app.register_blueprint(blueprint)

    from keitai.features.people import social_blueprints  # issue #5, part A

    for blueprint in social_blueprints():
        app.register_blueprint(blueprint)

    from keitai.features.demo import bp as demo_bp  # `keitai demo` only (issue #10)

    app.register_blueprint(demo_bp)
