"""Rewrite the corpus files: python -m tests.mail_in.mails."""
from __future__ import annotations

from tests.mail_in.mails import write

for path in write():
    print(f"wrote {path}")
