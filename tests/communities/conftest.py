"""Community tests: members on handsets (the diary tests' fixtures), communities made by the
service as their creators would make them."""
from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask

from tests.communities.factories import add_community
from tests.diary.conftest import app, blocks, browse, emails, friends, member  # noqa: F401


@pytest.fixture()
def community(app: Flask) -> Callable[..., int]:  # noqa: F811
    """Return a factory: community(admin_id, name="…", members=[…], **rules) -> its id."""

    def make(admin_id: int, name: str = "猫好き☀", members: tuple[int, ...] = (),
             **rules: str) -> int:
        return add_community(app, admin_id, name, members=members, **rules)

    return make
