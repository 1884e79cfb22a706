"""The music jobs (scaffolding, to be built)."""
