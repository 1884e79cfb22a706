"""What decoding an upload will cost in memory, told from its header before any pixel is read.

Making the stored photo from an upload allocates, one after another and at most all at once:

- the decoded first frame, in the mode Pillow decodes into (1 byte a pixel for "1", "L" and
  "P", 2 for 16-bit grey, 4 for everything else: Pillow keeps RGB in 4 bytes);
- for a progressive (or otherwise multi-scan) JPEG, libjpeg's buffer of every DCT
  coefficient of the full-size image, 2 bytes a sample, however small the decoded copy is
  made (JPEG is decoded at 1/2, 1/4 or 1/8 scale when the photo is big);
- a copy in RGB or RGBA (4 bytes a pixel) when the mode cannot be resampled as it is;
- the copies shrinking makes (a reduced copy, then the resampling passes): at most another
  4 bytes a pixel, and 4 more with transparency (Pillow resamples a premultiplied copy);
- turning, flattening onto white and encoding the small result: a fixed amount;
- a PNG's text chunks, which Pillow reads even before the pixels: a compressed one can grow
  a thousandfold, to at most PngImagePlugin.MAX_TEXT_CHUNK (png_text_cost).

Only the first frame of an animated GIF or PNG is ever decoded, so frames do not add up.
"""
from __future__ import annotations

from PIL import Image, PngImagePlugin

#: modes that are shrunk as they are; any other is converted to RGB or RGBA first
RESIZABLE_MODES = ("RGB", "RGBA", "L", "LA")
#: bytes a pixel Pillow keeps for a mode; every mode not named here takes 4
_PIXEL_BYTES = {"1": 1, "L": 1, "P": 1, "I;16": 2, "I;16L": 2, "I;16B": 2, "I;16N": 2}
#: bytes a pixel of the small image costs while it is turned, flattened and encoded
_SMALL_PIXEL_BYTES = 16
#: bytes libjpeg keeps for one 8x8 block of coefficients (64 of 16 bits)
_BLOCK_BYTES = 128
_SOS, _EOI = b"\xff\xda", b"\xff\xd9"
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: PNG chunks Pillow inflates on reading (iTXt only when its flag says so), and text ones
_PNG_COMPRESSED = (b"zTXt", b"iTXt", b"iCCP")
_PNG_TEXT = (b"tEXt", b"iTXt")


def decoding_cost(image: Image.Image, full_size: tuple[int, int], upload: bytes,
                  side: int) -> int:
    """Return the most memory, in bytes, that making the stored photo would take.

    image is the opened upload, not yet loaded, after any draft() that scales its decoding
    down; full_size its size before that; side the stored photo's longest side.
    """
    pixels = image.width * image.height
    cost = pixels * _PIXEL_BYTES.get(image.mode, 4)
    if image.mode not in RESIZABLE_MODES:
        cost += pixels * 4
    if max(image.size) > side:
        cost += pixels * 4
        if image.has_transparency_data:  # resampled premultiplied: one more copy
            cost += pixels * 4
    cost += side * side * _SMALL_PIXEL_BYTES
    if image.format in ("JPEG", "MPO") and (image.info.get("progressive")
                                            or jpeg_scans(upload) > 1):
        cost += jpeg_coefficients(image, full_size)
    return cost


def jpeg_coefficients(image: Image.Image, full_size: tuple[int, int]) -> int:
    """Return the bytes of a JPEG's whole-image coefficient buffer, from its sampling factors."""
    layers = getattr(image, "layer", None) or [(0, 1, 1, 0)] * 4
    h_max = max(max(layer[1] for layer in layers), 1)
    v_max = max(max(layer[2] for layer in layers), 1)
    mcus_across = -(-full_size[0] // (8 * h_max))
    mcus_down = -(-full_size[1] // (8 * v_max))
    blocks = sum(mcus_across * layer[1] * mcus_down * layer[2] for layer in layers)
    return int(blocks) * _BLOCK_BYTES


def jpeg_scans(data: bytes) -> int:
    """Return how many scans a JPEG has (a baseline one has one), at least.

    The marker segments are walked to the first scan, so a JPEG inside the EXIF data (the
    camera's thumbnail) is not counted; from there to the end-of-image marker, neither
    marker can appear inside the entropy-coded data, where every 0xFF byte is followed by
    0x00 or a restart marker.
    """
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return 2  # not what a JPEG looks like: assume the costly kind
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte before a marker
            pos += 1
            continue
        if marker == _SOS[1]:
            end = data.find(_EOI, pos + 2)
            return 1 + data.count(_SOS, pos + 2, end if end >= 0 else len(data))
        pos += 2 + int.from_bytes(data[pos + 2:pos + 4], "big")
    return 1


def png_text_cost(data: bytes) -> int:
    """Return the most memory a PNG's text chunks take once read; 0 for any other file."""
    if not data.startswith(_PNG_SIGNATURE):
        return 0
    cost, pos = 0, len(_PNG_SIGNATURE)
    while pos + 8 <= len(data):
        length = int.from_bytes(data[pos:pos + 4], "big")
        kind = data[pos + 4:pos + 8]
        if kind in _PNG_COMPRESSED and _png_compressed(kind, data[pos + 8:pos + 8 + length]):
            cost += PngImagePlugin.MAX_TEXT_CHUNK
        elif kind in _PNG_TEXT:
            cost += length
        pos += 12 + length
    return cost


def _png_compressed(kind: bytes, chunk: bytes) -> bool:
    """Return True when a text chunk is compressed: always, except an iTXt that says not."""
    if kind != b"iTXt":
        return True
    keyword_end = chunk.find(b"\0", 0, 80)
    return keyword_end < 0 or chunk[keyword_end + 1:keyword_end + 2] != b"\0"
