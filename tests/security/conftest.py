"""Security tests: the membership fixtures (real login form, real mailbox), hostile clients."""
from __future__ import annotations

from tests.accounts.conftest import app, create_member, mail_server, mailbox  # noqa: F401
