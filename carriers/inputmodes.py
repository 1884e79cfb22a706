"""Input-mode attributes: which keyboard mode a text field opens in, per handset.

Each browser reads its own attributes, the first one it finds deciding: docomo cHTML istyle;
docomo XHTML only the CSS property -wap-input-format with "*<ja:n>" values; au format, then (in
XHTML) its own "*N" form of -wap-input-format, then istyle; SoftBank mode, and 3G handsets
istyle too; WILLCOM istyle; HTML5 browsers inputmode. input_mode_attrs() writes what a handset
reads; read_input_mode() tells which mode a field's attributes open on a handset (the
simulator's badge), so the two directions come from the same table.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from carriers.handset import Handset

#: the input modes a template may ask for
MODES = ("hiragana", "katakana", "hankakukana", "alphabet", "numeric")
#: what a field can open in when read back: MODES, and au's alphanumeric (format *X)
READ_MODES = (*MODES, "alphanumeric")

Attrs = tuple[tuple[str, str], ...]
_CSS = re.compile(r"-wap-input-format\s*:\s*([^;]+)", re.IGNORECASE)
# au's format: "*N" (any length) or "10N" (at most ten); the letter is the mode
_AU_CODE = r"(?:\*|[0-9]*)([AaNnXxMm])"
_AU_MEANINGS = {"M": "hiragana", "m": "alphabet", "A": "alphabet", "a": "alphabet",
                "N": "numeric", "n": "numeric", "X": "alphanumeric", "x": "alphanumeric"}


@dataclass(frozen=True, slots=True)
class InputAttribute:
    """One way of setting the starting input mode: an attribute, or a form of the CSS value."""

    #: the HTML attribute it is written in
    attribute: str
    #: the value written for each of MODES (a mode absent here writes nothing)
    values: Mapping[str, str]
    #: the code a value carries (group 1 of a full match) -> the mode it opens, one of READ_MODES
    meanings: Mapping[str, str]
    #: the pattern of a value; its group 1 is the code looked up in meanings
    pattern: str = r"(.*)"
    #: the value is a -wap-input-format declaration inside style=""
    css: bool = False
    #: values are read without regard to case
    fold_case: bool = False

    def write(self, mode: str) -> tuple[str, str] | None:
        """Return the (attribute, value) that opens a field in mode, or None for none."""
        value = self.values.get(mode)
        if value is None:
            return None
        return (self.attribute, f"-wap-input-format:{value};" if self.css else value)

    def read(self, attrs: Mapping[str, str | None]) -> tuple[str, str] | None:
        """Return (mode, the attribute as the page wrote it) when attrs set a mode this way."""
        text = attrs.get(self.attribute) or ""
        if not self.css:
            value = text.strip().lower() if self.fold_case else text.strip()
            found = self._meaning(value)
            return (found, f'{self.attribute}="{value}"') if found else None
        for value in reversed(_CSS.findall(text)):  # as in CSS, the last one understood wins
            value = value.strip().strip('"')
            found = self._meaning(value)
            if found:
                return found, f"-wap-input-format:{value}"
        return None

    def _meaning(self, value: str) -> str | None:
        match = re.fullmatch(self.pattern, value.lower() if self.fold_case else value)
        return self.meanings.get(match.group(1)) if match else None


ISTYLE = InputAttribute(
    "istyle", {"hiragana": "1", "katakana": "1", "hankakukana": "2", "alphabet": "3",
               "numeric": "4"},
    {"1": "hiragana", "2": "hankakukana", "3": "alphabet", "4": "numeric"})
#: au's format: *M kanji and kana, *m lower-case letters, *N digits. It has no half-width kana,
#: so that mode writes no format and au falls back to istyle="2"
AU_FORMAT = InputAttribute(
    "format", {"hiragana": "*M", "katakana": "*M", "alphabet": "*m", "numeric": "*N"},
    _AU_MEANINGS, pattern=_AU_CODE + ".*")
AU_CSS = InputAttribute("style", AU_FORMAT.values, _AU_MEANINGS, pattern=_AU_CODE, css=True)
DOCOMO_CSS = InputAttribute(
    "style", {"hiragana": '"*<ja:h>"', "katakana": '"*<ja:h>"', "hankakukana": '"*<ja:hk>"',
              "alphabet": '"*<ja:en>"', "numeric": '"*<ja:n>"'},
    {"h": "hiragana", "hk": "hankakukana", "en": "alphabet", "n": "numeric"},
    pattern=r"\*<ja:([a-z]+)>", css=True)
SOFTBANK_MODE = InputAttribute("mode", {mode: mode for mode in MODES},
                               {mode: mode for mode in MODES}, fold_case=True)
INPUTMODE = InputAttribute(
    "inputmode", {"numeric": "numeric"},
    {"numeric": "numeric", "decimal": "numeric", "tel": "numeric", "kana": "hiragana",
     "latin": "alphabet", "email": "alphabet", "url": "alphabet"}, fold_case=True)

#: what each browser reads, by (carrier, markup), the first one found deciding
READS: dict[tuple[str, str], tuple[InputAttribute, ...]] = {
    ("docomo", "chtml"): (ISTYLE,),
    ("docomo", "ixhtml"): (DOCOMO_CSS,),
    ("au", "chtml"): (AU_FORMAT, ISTYLE),
    ("au", "xhtml_mp"): (AU_FORMAT, AU_CSS, ISTYLE),
    ("softbank", "chtml"): (SOFTBANK_MODE,),
    ("softbank", "xhtml_mp"): (SOFTBANK_MODE, ISTYLE),
    ("willcom", "chtml"): (ISTYLE,),
}
#: smartphones, PCs and any other browser
HTML5_READS = (INPUTMODE,)
#: the order attributes are written in (au's CSS form before docomo's, as sites did)
_WRITE_ORDER = (ISTYLE, AU_FORMAT, SOFTBANK_MODE, AU_CSS, DOCOMO_CSS, INPUTMODE)


def reads(handset: Handset) -> tuple[InputAttribute, ...]:
    """Return the input-mode attributes the handset's browser reads, in its order."""
    return READS.get((handset.carrier, handset.markup), HTML5_READS)


def input_mode_attrs(handset: Handset, mode: str) -> Attrs:
    """Return the attributes that open a text field in the given mode on this handset."""
    if mode not in MODES:
        raise ValueError(f"unknown input mode {mode!r}; use one of {MODES}")
    honoured = reads(handset)
    written = (scheme.write(mode) for scheme in _WRITE_ORDER if scheme in honoured)
    return tuple(pair for pair in written if pair is not None)


def read_input_mode(handset: Handset,
                    attrs: Mapping[str, str | None]) -> tuple[str, str] | None:
    """Return (mode, the attribute that set it) for a text field on this handset, or None."""
    for scheme in reads(handset):
        found = scheme.read(attrs)
        if found is not None:
            return found
    return None
