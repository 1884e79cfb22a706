"""Which plays count: their owner's visibility (the default when they never chose one)."""
from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import func

from keitai.models.music import MusicSetting
from keitai.privacy import Visibility

#: the visibility of a member who never chose one
DEFAULT_VISIBILITY = Visibility.FRIENDS.value
#: the week the pages and the weekly rankings count
WEEK = timedelta(days=7)


def plays_visibility() -> Any:
    """Return the visibility of a play's owner (joined as MusicSetting), the default when
    they never chose one."""
    return func.coalesce(MusicSetting.visibility, DEFAULT_VISIBILITY)


def counted() -> Any:
    """Return the condition of a play counted in public figures: its owner shares plays
    (非公開 plays are counted nowhere)."""
    return plays_visibility() != Visibility.ONLY_ME.value
