"""Moderation: what operators do about reports, and what they did (the audit log)."""
