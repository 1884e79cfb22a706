"""The music jobs: none. A play is recorded by its request, and the rankings are computed by
the worker's maintenance (keitai.features.music.rankings.compute_due), not by queued jobs."""
