"""Fetching RSS/Atom feeds from other sites, safely (news and members' blogs)."""
