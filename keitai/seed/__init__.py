"""Demo data: a made-up network of members, friends, diaries, comments, footprints, messages,
and communities with topics, events and polls.

`keitai seed --members N` and `keitai demo` use it; the benchmarks build their data with it.
Rows go in in one transaction, by COPY on PostgreSQL (keitai.seed.bulk); every seeded
member shares one password hash, computed once. The same --seed gives the same network (times
are counted back from midnight UTC of the day it runs).
"""
from __future__ import annotations

from keitai.seed.network import PASSWORD, NetworkSeeder, Seeded

__all__ = ["PASSWORD", "NetworkSeeder", "Seeded"]
