"""Jobs of the albums feature: make a new picture's variants, in the worker, not the request.

"pictures.variants" {"picture_id": id} makes the thumbnail and the large variant of every kind
of handset the site knows (keitai.features.albums.variants.standard). Running it twice adds
nothing (insert-ignore); a picture deleted meanwhile is nothing to do.
"""
from __future__ import annotations

from typing import Any

from keitai import jobs
from keitai.features.albums import pictures, variants


@jobs.handler(pictures.VARIANTS_JOB)
def make_picture_variants(payload: dict[str, Any]) -> None:
    """Make the standard variants of one picture."""
    pictures.make_variants(int(payload["picture_id"]), variants.standard())
