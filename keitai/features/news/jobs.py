"""The news jobs: fetch one feed (scaffolding, to be built)."""
