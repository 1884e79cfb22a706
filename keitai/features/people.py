"""The social-graph features of issue #5 part A, in the order they are registered."""
from __future__ import annotations

from flask import Blueprint


def social_blueprints() -> list[Blueprint]:
    """Return the blueprints of home, profiles, friends, footprints, bookmarks,
    endorsements and blocks."""
    from keitai.features.blocks import bp as blocks_bp
    from keitai.features.bookmarks import bp as bookmarks_bp
    from keitai.features.endorsements import bp as endorsements_bp
    from keitai.features.footprints import bp as footprints_bp
    from keitai.features.friends import bp as friends_bp
    from keitai.features.home import bp as home_bp
    from keitai.features.profile import bp as profile_bp

    return [home_bp, profile_bp, friends_bp, footprints_bp, bookmarks_bp, endorsements_bp,
            blocks_bp]
