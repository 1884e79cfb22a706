"""The blog jobs: fetch one member's blog (scaffolding, to be built)."""
