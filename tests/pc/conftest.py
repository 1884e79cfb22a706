"""PC and smartphone page tests: members browsing with the html5 profiles (the social
fixtures), the pages read through the whole WSGI stack."""
from __future__ import annotations

from tests.social.conftest import logged_in, member  # noqa: F401  (fixtures)
