"""Photo test helpers: a camera's upload, sending it, the photo address a page shows."""
from __future__ import annotations

import html
import io
import re
from typing import Any

from PIL import Image

from tests.handsets import page_forms

_PHOTO_ADDRESS = re.compile(r'(?:src|href)="(/photos/[0-9a-f]{32}/[a-z]+-\d+[^"]*)"')


def camera_jpeg(width: int = 800, height: int = 600, orientation: int = 6) -> bytes:
    """A camera photo lying on its side (EXIF orientation 6) with a GPS position."""
    image = Image.new("RGB", (width, height), (200, 30, 30))
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x8825] = {1: "N", 2: (35.0, 39.0, 0.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, progressive=True)
    return out.getvalue()


def upload(browser: Any, data: bytes, filename: str = "photo.jpg",
           content_type: str | None = None) -> Any:
    """Send a file from the photo form, as the handset's user picked it."""
    page = browser.get("/settings/photo")
    form = page_forms(page)[0]
    sent = ("photo", filename, data) if content_type is None \
        else ("photo", filename, data, content_type)
    return browser.post(form.action, dict(form.fields), upload_files=[sent])


def photo_address(text: str) -> str | None:
    """Return the photo address a page shows (an <img src> or a link), as the handset reads it."""
    found = _PHOTO_ADDRESS.search(text)
    return html.unescape(found.group(1)) if found else None


def photo_url(browser: Any, member_id: int) -> str:
    """Return the photo address the member's page shows this browser."""
    text = browser.text(browser.get(f"/members/{member_id}"))
    address = photo_address(text)
    assert address, text
    return address
