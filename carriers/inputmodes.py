"""Input-mode attributes: which keyboard mode a text field opens in, per handset."""
from __future__ import annotations

from carriers.handset import Handset

#: the input modes a template may ask for
MODES = ("hiragana", "katakana", "hankakukana", "alphabet", "numeric")

_ISTYLE = {"hiragana": "1", "katakana": "1", "hankakukana": "2", "alphabet": "3", "numeric": "4"}
# docomo XHTML ignores istyle and reads a WAP CSS property instead.
_DOCOMO_WAP = {"hiragana": "h", "katakana": "h", "hankakukana": "hk", "alphabet": "en",
               "numeric": "n"}
# au's format sets the starting mode; *M is kanji/kana, *m lower-case letters, *N digits.
_AU_FORMAT = {"hiragana": "*M", "katakana": "*M", "hankakukana": "*M", "alphabet": "*m",
              "numeric": "*N"}
_HTML5 = {"numeric": "numeric"}

Attrs = tuple[tuple[str, str], ...]


def _docomo_chtml(mode: str) -> Attrs:
    return (("istyle", _ISTYLE[mode]),)


def _docomo_xhtml(mode: str) -> Attrs:
    return (("style", f'-wap-input-format:"*<ja:{_DOCOMO_WAP[mode]}>";'),)


def _au(mode: str) -> Attrs:
    return (("istyle", _ISTYLE[mode]), ("format", _AU_FORMAT[mode]))


def _au_xhtml(mode: str) -> Attrs:
    return (*_au(mode), ("style", f"-wap-input-format:{_AU_FORMAT[mode]};"))


def _softbank(mode: str) -> Attrs:
    return (("istyle", _ISTYLE[mode]), ("mode", mode))


def _willcom(mode: str) -> Attrs:
    return (("istyle", _ISTYLE[mode]),)


def _html5(mode: str) -> Attrs:
    return (("inputmode", _HTML5[mode]),) if mode in _HTML5 else ()


_SCHEMES = {
    ("docomo", "chtml"): _docomo_chtml,
    ("docomo", "ixhtml"): _docomo_xhtml,
    ("au", "chtml"): _au,
    ("au", "xhtml_mp"): _au_xhtml,
    ("softbank", "chtml"): _softbank,
    ("softbank", "xhtml_mp"): _softbank,
    ("willcom", "chtml"): _willcom,
}


def input_mode_attrs(handset: Handset, mode: str) -> Attrs:
    """Return the attributes that open a text field in the given mode on this handset."""
    if mode not in MODES:
        raise ValueError(f"unknown input mode {mode!r}; use one of {MODES}")
    return _SCHEMES.get((handset.carrier, handset.markup), _html5)(mode)
