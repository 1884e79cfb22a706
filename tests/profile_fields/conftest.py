"""Profile field tests: members made in the database and handsets browsing as them (the
social tests' fixtures)."""
from __future__ import annotations

from tests.social.conftest import logged_in, member  # noqa: F401
