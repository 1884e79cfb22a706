"""The job of this feature: post (or refuse) a mail taken in by keitai.mail_in.intake."""
from __future__ import annotations

from typing import Any

from keitai import jobs
from keitai.mail_in.intake import JOB
from keitai.mail_in.process import process


@jobs.handler(JOB)
def post_received_mail(payload: dict[str, Any]) -> None:
    """Post the stored mail the payload names, or refuse it with a reply (idempotent)."""
    process(int(payload["mail_id"]))
