"""Notices by mail: each member's choices, and the notices waiting to go as one mail.

Revision ID: 0016
Revises: 0015
"""
from __future__ import annotations

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
