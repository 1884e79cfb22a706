"""The MIME tree of a mail: each part's header fields (parsed by Python's email package) and its
decoded bytes.

email's feed parser reads a body line by line, which for a 300 KB photo (5,000 base64 lines)
costs more than everything else together; here multipart bodies are cut at their boundaries with
one regular expression and base64 goes to binascii in one call, while each header block is still
parsed by email (compat32 keeps 8-bit bytes as surrogates, so values can be taken raw).
"""
from __future__ import annotations

import binascii
import re
from email.message import Message
from email.parser import BytesHeaderParser
from email.policy import compat32

_HEADER_END = re.compile(rb"\r?\n\r?\n")
_MAX_DEPTH = 16
_PARSER = BytesHeaderParser(policy=compat32)


def split_part(raw: bytes) -> tuple[Message, bytes]:
    """Return a part's header fields and its (still encoded) body."""
    if raw.startswith((b"\r\n", b"\n")):  # no header fields at all
        return _PARSER.parsebytes(b""), raw[2 if raw.startswith(b"\r\n") else 1:]
    end = _HEADER_END.search(raw)
    if end is None:
        return _PARSER.parsebytes(raw), b""
    return _PARSER.parsebytes(raw[:end.start()] + b"\r\n"), raw[end.end():]


def leaves(raw: bytes) -> tuple[Message, list[tuple[Message, bytes]]]:
    """Return the mail's own header fields and every leaf part with its decoded bytes, in order."""
    headers, body = split_part(raw)
    found: list[tuple[Message, bytes]] = []
    _walk(headers, body, found, 0)
    return headers, found


def _walk(headers: Message, body: bytes, found: list[tuple[Message, bytes]], depth: int) -> None:
    boundary = headers.get_boundary() if headers.get_content_maintype() == "multipart" else None
    if boundary and depth < _MAX_DEPTH:
        parts = _cut(body, boundary.encode("utf-8", "surrogateescape"))
        if parts is not None:
            for part in parts:
                _walk(*split_part(part), found, depth + 1)
            return
    found.append((headers, decode_body(body, headers.get("content-transfer-encoding"))))


def _cut(body: bytes, boundary: bytes) -> list[bytes] | None:
    """Cut a multipart body at its delimiter lines; None when it has none.

    A delimiter is a line of "--" boundary (then "--" for the last), white space allowed after;
    the line break before it belongs to it.
    """
    marker = b"--" + boundary
    parts: list[bytes] = []
    opened = -1  # where the current part starts
    found = False
    position = body.find(marker)
    while position >= 0:
        after = position + len(marker)
        line_end = body.find(b"\n", after)
        line_end = len(body) if line_end < 0 else line_end + 1
        closing = body.startswith(b"--", after)
        rest = body[after + (2 if closing else 0):line_end]
        if (position == 0 or body[position - 1] == 0x0A) and not rest.strip(b" \t\r\n"):
            found = True
            if opened >= 0:
                end = position - 1 if position else 0
                parts.append(body[opened:end - 1 if body[end - 1:end] == b"\r" else end])
            if closing:
                return parts
            opened = line_end
        position = body.find(marker, after)
    if opened >= 0:
        parts.append(body[opened:])
    return parts if found else None


def decode_body(body: bytes, encoding: str | None) -> bytes:
    """Undo a Content-Transfer-Encoding (base64, quoted-printable; others are the bytes)."""
    name = str(encoding or "").strip().lower()
    if name == "base64":
        try:
            return binascii.a2b_base64(body)
        except binascii.Error:  # bad padding: keep what whole quanta there are
            compact = re.sub(rb"[^A-Za-z0-9+/]", b"", body)
            return binascii.a2b_base64(compact[: len(compact) // 4 * 4] or b"")
    if name == "quoted-printable":
        return binascii.a2b_qp(body)
    return body
