"""Carrier emoji in and out through one canonical Unicode form.

Inside the app every emoji is *canonical*: standard Unicode where emoji4unicode gives one
(``☀`` U+2600, keycaps such as ``#⃣``, flags), else Google's private-use code U+FE000 + id.
Carrier private-use code points exist only at the edges, in :func:`decode` and :func:`encode`.

Carriers: ``docomo``, ``au``, ``softbank``, ``willcom`` (docomo's emoji), ``smartphone``, ``pc``.
Charsets: ``shift_jis`` (cp932 plus the carrier's emoji; aliases ``sjis``, ``cp932``,
``windows-31j`` …) and ``utf-8`` (``utf8``), case-insensitive. Defaults: Shift_JIS for docomo,
au and willcom; UTF-8 for softbank (3G), smartphone and pc. ``shift_jis`` for softbank is a
J-PHONE page: web codes ``ESC $ G … SI`` out, web codes and binary codes in.

Input policy (:func:`decode`):

- Bytes that are not text in the charset raise :class:`DecodeError` (a ``ValueError``) with the
  byte offset: a truncated or invalid double-byte character, bytes 80/A0/FD–FF in Shift_JIS,
  invalid UTF-8, and on J-PHONE pages an ESC that does not start a web code. Nothing is stored.
- An emoji nobody knows is not an error: an unknown private-use character (including another
  carrier's, which is never guessed at) or web code becomes 〓 (U+3013) and is logged on the
  ``emoji_maps`` logger. A web code without its closing SI ends at the first byte that cannot be
  part of it, and is logged.
- CRLF and CR become LF. Shift_JIS 8160 becomes WAVE DASH U+301C (what Japanese users type and
  JIS names), not cp932's FULLWIDTH TILDE; U+FF5E typed into a UTF-8 form is kept as it is.

Output policy (:func:`encode`): each emoji becomes the handset's round-trip emoji, else its
nearest, else emoji4unicode's text fallback (``[霧]``), else 〓 — never an exception. In Shift_JIS,
U+301C and U+FF5E both become 8160; U+2014, U+00A5, U+203E and U+00A6 become 815C, 818F, 8150
and FA55; IBM-extension kanji (髙, 﨑, ⅰ …) are written with their IBM codes FA40–FC4B as Windows
and handsets do (on J-PHONE pages row FB holds emoji, so those few keep their NEC-selected code).
Characters the charset lacks (é, 𠮷) become ``?``, or ``&#NNNN;`` with ``errors="html"``, which
the gateway uses for HTML pages (it also HTML-escapes fallbacks such as ``(>人<)``).

Handsets may show only part of their carrier's table: ``emoji_set`` names that part
(:data:`EMOJI_SETS`: ``docomo-web``, the 252 i-mode emoji; ``docomo-basic``, 176 of them, for
i-mode HTML 1.0–3.0; ``softbank-c-type`` for J-PHONE/2.x and 3.x), and the emoji outside it are
written as if the carrier lacked them.
"""
from __future__ import annotations

from emoji_maps.charsets import CARRIERS, DecodeError
from emoji_maps.decoding import decode, decoder, from_carrier_pua
from emoji_maps.encoding import encode, encoder, to_carrier_pua
from emoji_maps.names import au_localsrc, from_au_localsrc, japanese_name, lookup
from emoji_maps.subsets import EMOJI_SETS

__all__ = [
    "CARRIERS", "EMOJI_SETS", "DecodeError", "au_localsrc", "decode", "decoder", "encode",
    "encoder", "from_au_localsrc", "from_carrier_pua", "japanese_name", "lookup",
    "to_carrier_pua",
]
