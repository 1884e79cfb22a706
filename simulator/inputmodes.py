"""Which input mode a text field opens in on a handset, read back from the page's attributes.

The reverse of carriers.inputmodes: each (carrier, markup) reads its own attributes, in order
(docomo XHTML ignores istyle; au reads format, its -wap-input-format, then istyle; SoftBank
reads mode, and its 3G handsets istyle too).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping

import carriers

_ISTYLE = {"1": "かな", "2": "半角カナ", "3": "英字", "4": "数字"}
_FORMAT = {"M": "かな", "m": "英字", "A": "英字", "a": "英字", "N": "数字", "n": "数字",
           "X": "英数", "x": "英数"}
_MODE = {"hiragana": "かな", "katakana": "カナ", "hankakukana": "半角カナ", "alphabet": "英字",
         "numeric": "数字"}
_DOCOMO_WAP = {"h": "かな", "hk": "半角カナ", "en": "英字", "n": "数字"}
_INPUTMODE = {"numeric": "数字", "decimal": "数字", "tel": "数字", "kana": "かな",
              "latin": "英字", "email": "英字", "url": "英字"}
_WAP_FORMAT = re.compile(r"-wap-input-format\s*:\s*([^;]+)", re.IGNORECASE)
_FORMAT_LETTER = re.compile(r"(?:\*|[0-9]*)([AaNnXxMm])")
_JA = re.compile(r"\*<ja:([a-z]+)>")

Attrs = Mapping[str, str | None]
Reader = Callable[[Attrs], "tuple[str, str] | None"]


def _istyle(attrs: Attrs) -> tuple[str, str] | None:
    value = (attrs.get("istyle") or "").strip()
    return (_ISTYLE[value], f'istyle="{value}"') if value in _ISTYLE else None


def _format(attrs: Attrs) -> tuple[str, str] | None:
    value = (attrs.get("format") or "").strip()
    found = _FORMAT_LETTER.match(value)
    return (_FORMAT[found.group(1)], f'format="{value}"') if found else None


def _mode(attrs: Attrs) -> tuple[str, str] | None:
    value = (attrs.get("mode") or "").strip().lower()
    return (_MODE[value], f'mode="{value}"') if value in _MODE else None


def _wap_values(attrs: Attrs) -> list[str]:
    return [v.strip().strip('"') for v in _WAP_FORMAT.findall(attrs.get("style") or "")]


def _docomo_wap(attrs: Attrs) -> tuple[str, str] | None:
    """Read docomo's "*<ja:n>" form; as in CSS, the last one the handset understands wins."""
    for value in reversed(_wap_values(attrs)):
        japanese = _JA.fullmatch(value)
        if japanese and japanese.group(1) in _DOCOMO_WAP:
            return _DOCOMO_WAP[japanese.group(1)], f"-wap-input-format:{value}"
    return None


def _au_wap(attrs: Attrs) -> tuple[str, str] | None:
    """Read au's "*N" form, which is why sites wrote it before docomo's."""
    for value in reversed(_wap_values(attrs)):
        letter = _FORMAT_LETTER.fullmatch(value)
        if letter:
            return _FORMAT[letter.group(1)], f"-wap-input-format:{value}"
    return None


def _inputmode(attrs: Attrs) -> tuple[str, str] | None:
    value = (attrs.get("inputmode") or "").strip().lower()
    return (_INPUTMODE[value], f'inputmode="{value}"') if value in _INPUTMODE else None


_READERS: dict[tuple[str, str], tuple[Reader, ...]] = {
    ("docomo", "chtml"): (_istyle,),
    ("docomo", "ixhtml"): (_docomo_wap,),
    ("au", "chtml"): (_format, _istyle),
    ("au", "xhtml_mp"): (_format, _au_wap, _istyle),
    ("softbank", "chtml"): (_mode,),
    ("softbank", "xhtml_mp"): (_mode, _istyle),
    ("willcom", "chtml"): (_istyle,),
}
_HTML5: tuple[Reader, ...] = (_inputmode,)


def input_mode(attrs: Attrs, handset: carriers.Handset) -> tuple[str, str] | None:
    """Return (badge, the attribute that set it) for a text field, or None for no mode."""
    for reader in _READERS.get((handset.carrier, handset.markup), _HTML5):
        found = reader(attrs)
        if found is not None:
            return found
    return None
