"""The characters the gateway drops from every text input, and the ones it keeps."""
from __future__ import annotations

import pytest

from keitai.gateway.inputs import clean_text


@pytest.mark.parametrize(("text", "kept"), [
    ("\t\n\r", "\t\n\r"), ("\x00\x1f\x7f\x80\x9f", ""), ("\ufdd0\ufdef\ufffe\uffff", ""),
    ("\U0001fffe\U000effff\U0010ffff", ""), ("\ud800\udfff", ""),
    ("\ufdcf\ufdf0\ufffd\U0001fffd\U000fe000", "\ufdcf\ufdf0\ufffd\U0001fffd\U000fe000"),
    ("ぁ\u3000☀\u200d", "ぁ\u3000☀\u200d"),
])
def test_only_unwanted_characters_are_dropped(text, kept) -> None:
    assert clean_text(text) == kept
