"""Album tests: members on handsets (the social fixtures), albums and photos made directly."""
from __future__ import annotations

import html
import io
import re
from typing import Any

from flask import Flask
from PIL import Image
from sqlalchemy import func, select

from keitai.db import db
from keitai.features.albums import pictures, service
from keitai.models import Picture, PictureVariant
from tests.handsets import page_forms
from tests.outbox import run_jobs
from tests.social.conftest import logged_in, member, people  # noqa: F401

#: an image address on a page (an <img src> or a link), as the handset reads it
_IMAGE = re.compile(r'(?:src|href)="(/pictures/[0-9a-f]{32}/[a-z]+-\d+\.[a-z]+[^"]*)"')


def photo_bytes(width: int = 640, height: int = 480, fmt: str = "JPEG",
                colour: tuple[int, int, int] = (40, 120, 200)) -> bytes:
    """An image of one colour with a few stripes, in a format."""
    image = Image.new("RGB", (width, height), colour)
    for x in range(0, width, 40):
        for y in range(height):
            image.putpixel((x, y), (255, 255, 255))
    out = io.BytesIO()
    image.save(out, fmt)
    return out.getvalue()


def make_album(app: Flask, owner: int, visibility: str = "everyone",
               title: str = "旅行") -> int:
    """Add an album directly; return its id."""
    with app.app_context():
        album_id = service.create_album(owner, title, "楽しかった", visibility,
                                        f"key{owner}{title}{visibility}"[:24].ljust(16, "x"))
        db.session.commit()
        return album_id


def make_photo(app: Flask, owner: int, *, album_id: int | None = None,
               diary_id: int | None = None, caption: str = "", data: bytes | None = None,
               made: bool = True) -> int:
    """Add a photo through the service; run the worker (made) so its variants exist."""
    with app.app_context():
        picture_id = pictures.add_picture(owner, data or photo_bytes(), album_id=album_id,
                                          diary_id=diary_id, caption=caption)
        db.session.commit()
    if made:
        run_jobs(app)
    return picture_id


def count(app: Flask, model: Any, *where: Any) -> int:
    """Return how many rows of model there are (matching where)."""
    with app.app_context():
        return int(db.session.scalar(select(func.count()).select_from(model).where(*where)))


def picture_count(app: Flask) -> int:
    """Return how many pictures are stored."""
    return count(app, Picture)


def variant_count(app: Flask) -> int:
    """Return how many picture variants are stored."""
    return count(app, PictureVariant)


def image_addresses(text: str) -> list[str]:
    """Return the image addresses a page shows."""
    return [html.unescape(found) for found in _IMAGE.findall(text)]


def upload(browser: Any, album_id: int, data: bytes, filename: str = "photo.jpg") -> Any:
    """Send a file from an album's upload form, as the handset's user picked it."""
    page = browser.get(f"/albums/{album_id}/upload")
    form = page_forms(page)[0]
    return browser.post(form.action, dict(form.fields),
                        upload_files=[("photo", filename, data)])
