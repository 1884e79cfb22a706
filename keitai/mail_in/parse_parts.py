"""What a mail part holds, told from its bytes: image, video or other; and HTML made text.

Handsets name their attachments badly (image/pjpeg, application/octet-stream, no type at all,
raw Shift_JIS names), so neither the declared type nor the name decides anything here.
"""
from __future__ import annotations

import base64
import binascii
import html
import re
from html.parser import HTMLParser

#: ISO base media file brands (ftyp major or compatible brand) and the type they mean
_BRANDS = (
    ((b"3g2",), "video/3gpp2"), ((b"kddi", b"KDDI"), "video/3gpp2"),
    ((b"3gp", b"3gs", b"3ge", b"3gg", b"3gr"), "video/3gpp"),
    ((b"mp4", b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"avc1", b"M4V", b"MSNV", b"dash",
      b"f4v"), "video/mp4"),
    ((b"qt  ",), "video/quicktime"),
)
_IMAGES = ((b"\xff\xd8\xff", "image/jpeg"), (b"GIF87a", "image/gif"), (b"GIF89a", "image/gif"),
           (b"\x89PNG\r\n\x1a\n", "image/png"))


def sniff(data: bytes) -> tuple[str | None, str]:
    """Return (content type, kind) told from the bytes; (None, "other") when unknown."""
    for magic, content_type in _IMAGES:
        if data.startswith(magic):
            return content_type, "image"
    if data[4:8] == b"ftyp":
        size = int.from_bytes(data[:4], "big")
        box = data[8:min(max(size, 16), 256)]
        brands = [box[:4]] + [box[i:i + 4] for i in range(8, len(box) - 3, 4)]
        for brand in brands:
            for prefixes, content_type in _BRANDS:
                if brand.startswith(prefixes):
                    return content_type, "video"
    return None, "other"


def unwrap_base64(data: bytes) -> bytes | None:
    """Return the bytes of a part sent base64 without saying so, if that is what it is."""
    compact = b"".join(data.split())
    if not compact or len(compact) % 4:
        return None
    try:
        decoded = base64.b64decode(compact, validate=True)
    except binascii.Error:
        return None
    return decoded if sniff(decoded)[0] is not None else None


def is_camera_photo(data: bytes) -> bool:
    """Tell a camera's JPEG (it carries Exif) from a decoration picture (it does not)."""
    if not data.startswith(b"\xff\xd8"):
        return False
    position = 2
    while position + 4 <= min(len(data), 65536 * 4):
        if data[position] != 0xFF:
            return False
        marker = data[position + 1]
        if marker in (0xDA, 0xD9):  # start of scan, end of image: no Exif before the picture
            return False
        length = int.from_bytes(data[position + 2:position + 4], "big")
        if marker == 0xE1 and data[position + 4:position + 10] == b"Exif\x00\x00":
            return True
        position += 2 + length
    return False


_BREAKS = frozenset(("br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
                     "blockquote", "pre", "table", "marquee", "center"))
_HIDDEN = frozenset(("head", "style", "script", "title"))
_CID = re.compile(r"""cid:([^"'\s>)]+)""", re.I)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BREAKS and tag != "p":
            self.pieces.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BREAKS and tag != "br":
            self.pieces.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.pieces.append(re.sub(r"[ \t\r\n]+", " ", data))


def html_text(markup: str) -> str:
    """Return the text of an HTML part: tags removed, line breaks where the markup breaks."""
    parser = _Text()
    parser.feed(markup)
    parser.close()
    lines = "".join(parser.pieces).split("\n")
    return "\n".join(line.strip(" ") for line in lines)


def cid_references(markup: str) -> set[str]:
    """Return the Content-IDs an HTML part shows (cid: URLs), without angle brackets."""
    return {html.unescape(found).strip("<>").lower() for found in _CID.findall(markup)}
