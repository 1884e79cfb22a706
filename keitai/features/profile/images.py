"""Photo images: normalise an upload once; make the variant each kind of handset shows.

An upload must be a JPEG, GIF or PNG by its content, and is refused before it is decoded
when that would take more than MEMORY_BUDGET. Its first frame is decoded with Pillow, shrunk
to at most STORED_SIDE pixels, turned upright by its EXIF orientation, stripped of all
metadata (a camera's GPS position must not leak) and stored as a baseline JPEG. Variants are
made from that on first request and kept.
"""
from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import ExifTags, Image, UnidentifiedImageError

from carriers import Handset
from carriers.markup_support import support_for
from keitai.domain import DomainError
from keitai.features.profile.image_cost import RESIZABLE_MODES, decoding_cost, png_text_cost

#: the stored image's longest side in pixels
STORED_SIDE = 640
#: variant widths: a handset gets the widest that fits its screen
WIDTHS = (96, 120, 132, 144, 176, 200, 220, 240)
DEFAULT_WIDTH = 240
#: bytes per pixel of a photo in each variant kind (format, "g" for grayscale), rounded up
#: from the demo's photos: a 256-colour GIF of a photo hardly compresses, a JPEG does
BYTES_PER_PIXEL = {"gif": 0.8, "gifg": 0.5, "png": 1.2, "pngg": 0.7, "jpeg": 0.15,
                   "jpegg": 0.12}
CONTENT_TYPES = {"gif": "image/gif", "png": "image/png", "jpeg": "image/jpeg"}
#: the extension an image address ends in, by format: old SoftBank handsets show an image
#: only when its address ends in the extension of its format
EXTENSIONS = {"gif": "gif", "png": "png", "jpeg": "jpg"}
#: the formats an upload may be in, known by its first bytes (never by its name or the
#: content type the handset sent): every other format Pillow reads is refused
UPLOAD_FORMATS = ("JPEG", "GIF", "PNG")
#: an upload with more pixels than this is refused before it is decoded
MAX_PIXELS = 40_000_000
#: the memory, in bytes, making the stored photo may take (see image_cost); an upload that
#: would take more is refused before it is decoded
MEMORY_BUDGET = 64 * 1024 * 1024
NOT_AN_IMAGE = "写真として読めませんでした。JPEG、GIF、PNGの画像を送ってください。"
TOO_LARGE = "写真が大きすぎます。長い辺が2000ピクセルくらいまでの画像を送ってください。"
#: how to turn an image upright, by its EXIF orientation
_UPRIGHT = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180,
            4: Image.Transpose.FLIP_TOP_BOTTOM, 5: Image.Transpose.TRANSPOSE,
            6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE,
            8: Image.Transpose.ROTATE_90}


@dataclass(frozen=True)
class Stored:
    """The normalised upload."""

    data: bytes
    content_type: str
    width: int
    height: int


def variant_for(handset: Handset) -> str:
    """Return the variant name ("gif-96", "jpeg-240") this handset is served.

    The widest that fits the screen and whose bytes stay within half of what the handset
    holds (see picture_budget).
    """
    fmt = handset.image_format
    screen = handset.screen[0] if handset.screen else DEFAULT_WIDTH
    gray = "" if handset.color else "g"
    budget = picture_budget(handset)
    fits = [w for w in WIDTHS if w <= screen
            and (budget is None or estimated_bytes(fmt + gray, w) <= budget)]
    width = max(fits or [WIDTHS[0]])
    return f"{fmt}{gray}-{width}"


def picture_budget(handset: Handset) -> int | None:
    """Return the bytes one picture may take: half of what the handset holds (its cache of
    page and pictures on i-mode, else its page limit); None for handsets without a limit."""
    support = support_for(handset)
    if support.counts_images and support.image_limit_bytes is not None:
        return support.image_limit_bytes // 2
    limit = handset.page_limit_bytes
    return limit // 2 if limit is not None else None


def estimated_bytes(kind: str, width: int) -> float:
    """Return about how many bytes a photo variant of that kind and width takes (portrait 3:4,
    the tallest a stored photo usually is)."""
    return width * width * 4 / 3 * BYTES_PER_PIXEL[kind]


def parse_variant(name: str) -> tuple[str, bool, int] | None:
    """Return (format, grayscale, width) of a variant name, or None when it is not one."""
    fmt, _sep, width = name.partition("-")
    gray = fmt.endswith("g") and fmt[:-1] in CONTENT_TYPES
    fmt = fmt[:-1] if gray else fmt
    # ASCII digits only: the name is the key the variant is kept under, one per variant
    if (fmt not in CONTENT_TYPES or not (width.isascii() and width.isdigit())
            or int(width) not in WIDTHS):
        return None
    return fmt, gray, int(width)


def variant_size(width: int, height: int, variant: str) -> tuple[int, int]:
    """Return the size in pixels of a variant of an image of that size: as render_variant
    makes it, scaled down to the variant's width, never enlarged (an <img>'s width and
    height, so that the page does not move while images load)."""
    parsed = parse_variant(variant)
    assert parsed is not None, variant
    most = parsed[2]
    if width <= most:
        return width, height
    return most, max(1, round(height * most / width))


def file_name(variant: str) -> str:
    """Return the last part of a variant's address: "jpeg-240" -> "jpeg-240.jpg"."""
    parsed = parse_variant(variant)
    assert parsed is not None, variant
    return f"{variant}.{EXTENSIONS[parsed[0]]}"


def variant_of_file(name: str) -> str | None:
    """Return the variant an address's last part names ("jpeg-240.jpg" -> "jpeg-240"), or
    None when it is no variant or its extension is not that of the variant's format."""
    variant, _dot, extension = name.rpartition(".")
    parsed = parse_variant(variant)
    if parsed is None or EXTENSIONS[parsed[0]] != extension:
        return None
    return variant


def normalise(upload: bytes) -> Stored:
    """Decode an upload and return it upright, without metadata, as a baseline JPEG."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            opened = _open_within_budget(upload)
            opened.load()
            image = _shrink(opened)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombWarning,
            Image.DecompressionBombError, SyntaxError, ValueError, EOFError):
        raise DomainError(NOT_AN_IMAGE) from None
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88, progressive=False, optimize=True)
    return Stored(out.getvalue(), "image/jpeg", image.width, image.height)


def _open_within_budget(upload: bytes) -> Image.Image:
    """Open a JPEG, GIF or PNG, known by its first bytes, without decoding it.

    Refuse it when it has more than MAX_PIXELS or would take more than MEMORY_BUDGET. A big
    JPEG is set to decode at 1/2, 1/4 or 1/8 scale, still at least STORED_SIDE a side.
    """
    text = png_text_cost(upload)  # read as the file is opened: counted before that
    if text > MEMORY_BUDGET:
        raise DomainError(TOO_LARGE)
    opened = Image.open(io.BytesIO(upload), formats=UPLOAD_FORMATS)
    full_size = opened.size
    if full_size[0] * full_size[1] > MAX_PIXELS:
        raise DomainError(TOO_LARGE)
    opened.draft(None, (STORED_SIDE, STORED_SIDE))
    if text + decoding_cost(opened, full_size, upload, STORED_SIDE) > MEMORY_BUDGET:
        raise DomainError(TOO_LARGE)
    return opened


def _shrink(image: Image.Image) -> Image.Image:
    """Return a loaded image at most STORED_SIDE a side, upright, in RGB on white.

    Shrinking comes first, so that turning and flattening copy only the small image.
    """
    orientation = image.getexif().get(ExifTags.Base.Orientation, 1)
    if image.mode not in RESIZABLE_MODES:
        image = image.convert("RGBA" if image.has_transparency_data else "RGB")
    image.thumbnail((STORED_SIDE, STORED_SIDE), Image.Resampling.LANCZOS)
    method = _UPRIGHT.get(orientation) if isinstance(orientation, int) else None
    return _flatten(image.transpose(method) if method is not None else image)


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
