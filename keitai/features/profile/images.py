"""Photo images: normalise an upload once; make the variant each kind of handset shows.

An upload is decoded with Pillow, turned upright by its EXIF orientation, stripped of all
metadata (a camera's GPS position must not leak), shrunk to at most STORED_SIDE pixels and
stored as a baseline JPEG. Variants are made from that on first request and kept.
"""
from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from carriers import Handset
from keitai.domain import DomainError

#: the stored image's longest side in pixels
STORED_SIDE = 640
#: variant widths: a handset gets the widest that fits its screen
WIDTHS = (96, 120, 132, 144, 176, 200, 220, 240)
DEFAULT_WIDTH = 240
CONTENT_TYPES = {"gif": "image/gif", "png": "image/png", "jpeg": "image/jpeg"}
#: an upload with more pixels than this is refused before it is decoded
MAX_PIXELS = 40_000_000
NOT_AN_IMAGE = "写真として読めませんでした。JPEG、GIF、PNGの画像を送ってください。"


@dataclass(frozen=True)
class Stored:
    """The normalised upload."""

    data: bytes
    content_type: str
    width: int
    height: int


def variant_for(handset: Handset) -> str:
    """Return the variant name ("gif-96", "jpeg-240") this handset is served."""
    fmt = handset.image_format
    screen = handset.screen[0] if handset.screen else DEFAULT_WIDTH
    width = max([w for w in WIDTHS if w <= screen] or [WIDTHS[0]])
    gray = "" if handset.color else "g"
    return f"{fmt}{gray}-{width}"


def parse_variant(name: str) -> tuple[str, bool, int] | None:
    """Return (format, grayscale, width) of a variant name, or None when it is not one."""
    fmt, _sep, width = name.partition("-")
    gray = fmt.endswith("g") and fmt[:-1] in CONTENT_TYPES
    fmt = fmt[:-1] if gray else fmt
    if fmt not in CONTENT_TYPES or not width.isdigit() or int(width) not in WIDTHS:
        return None
    return fmt, gray, int(width)


def normalise(upload: bytes) -> Stored:
    """Decode an upload and return it upright, without metadata, as a baseline JPEG."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            opened = Image.open(io.BytesIO(upload))
            if opened.width * opened.height > MAX_PIXELS:
                raise DomainError("写真が大きすぎます。")
            opened.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombWarning,
            Image.DecompressionBombError, SyntaxError, ValueError):
        raise DomainError(NOT_AN_IMAGE) from None
    image = _flatten(ImageOps.exif_transpose(opened))
    image.thumbnail((STORED_SIDE, STORED_SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88, progressive=False, optimize=True)
    return Stored(out.getvalue(), "image/jpeg", image.width, image.height)


def _flatten(image: Image.Image) -> Image.Image:
    """Return an RGB image; transparency becomes white."""
    if image.mode in ("RGBA", "LA", "P"):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def render_variant(stored: bytes, fmt: str, gray: bool, width: int) -> bytes:
    """Return the stored image resized to width (never enlarged) in a format."""
    image: Image.Image = Image.open(io.BytesIO(stored))
    image.load()
    if image.width > width:
        height = max(1, round(image.height * width / image.width))
        image = image.resize((width, height), Image.Resampling.LANCZOS)
    if gray:
        image = image.convert("L")
    out = io.BytesIO()
    if fmt == "gif":
        palette = image.convert("L").quantize(16) if gray else image.quantize(128)
        palette.save(out, "GIF")
    elif fmt == "png":
        (image if gray else image.quantize(256)).save(out, "PNG", optimize=True)
    else:
        image.save(out, "JPEG", quality=75, progressive=False, optimize=True)
    return out.getvalue()
