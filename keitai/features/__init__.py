"""One package per feature; each exposes a blueprint `bp`.

Features are grouped by domain below. A new feature adds its package name to its domain (or a
new domain); the order within a domain is the order its routes are matched.
"""
from __future__ import annotations

from importlib import import_module

from flask import Blueprint, Flask

#: domain -> the feature packages (keitai.features.<name>) that serve it
DOMAINS: dict[str, tuple[str, ...]] = {
    # the site and the handset: the top page, what we know of the handset, leaving the site
    "site": ("top", "handset_info", "exit"),
    # membership: sign-up by invitation, login, easy login, settings, password reset
    "accounts": ("login", "easy_login", "signup", "settings", "password_reset", "premium",
                 "mail_post"),
    # people and the social graph
    "people": ("home", "profile", "friends", "footprints", "bookmarks", "endorsements",
               "blocks"),
    # what members write
    "writing": ("diary", "messages", "blog"),
    # photos and videos
    "media": ("albums", "videos"),
    # groups: communities with their topics, events and polls
    "groups": ("communities",),
    # finding people and what they wrote
    "discovery": ("search",),
    # trust: notices by mail, the operators' announcements, reports of abuse
    "trust": ("notices", "announcements", "reports"),
    # news, reviews and music
    "culture": ("news", "reviews", "music"),
    # the operators' console (PC only, from KEITAI_ADMIN_NETWORKS)
    "operations": ("admin",),
    # the demo's help page (answers only under `keitai demo`)
    "demo": ("demo",),
}


def blueprints() -> list[Blueprint]:
    """Return every feature's blueprint, domain by domain."""
    return [import_module(f"keitai.features.{name}").bp
            for names in DOMAINS.values() for name in names]


def register_features(app: Flask) -> None:
    """Register every feature's blueprint."""
    for blueprint in blueprints():
        app.register_blueprint(blueprint)

