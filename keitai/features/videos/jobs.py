"""Jobs of this feature (filled by the feature)."""
