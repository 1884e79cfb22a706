"""A Request whose args and form are decoded with the handset's charset, not always UTF-8."""
from __future__ import annotations

from typing import Any

from flask import Request
from werkzeug.datastructures import ImmutableMultiDict, MultiDict
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.utils import cached_property

from carriers import Handset
from keitai.gateway.inputs import BadInputEncoding, decode_pairs

_PC = Handset()
_URLENCODED = "application/x-www-form-urlencoded"


class KeitaiRequest(Request):
    """Decode query and urlencoded form bytes with the detected handset's charset."""

    #: set by the gateway before anything reads args or form
    handset: Handset = _PC
    #: the largest urlencoded body accepted
    max_form_bytes: int = 64 * 1024

    @cached_property
    def args(self) -> MultiDict[str, str]:  # type: ignore[override]
        """Return the query string decoded for the handset."""
        raw = self.environ.get("QUERY_STRING", "").encode("latin-1")
        try:
            return ImmutableMultiDict(decode_pairs(raw, self.handset))
        except BadInputEncoding:
            self.__dict__["args"] = ImmutableMultiDict()  # the error page must not fail again
            raise

    def _load_form_data(self) -> None:
        if "form" in self.__dict__:
            return
        if self.method != "POST" or self.mimetype != _URLENCODED:
            super()._load_form_data()
            return
        length = self.content_length
        if length is not None and length > self.max_form_bytes:
            raise RequestEntityTooLarge()
        raw = self.stream.read(self.max_form_bytes + 1)
        if len(raw) > self.max_form_bytes:
            raise RequestEntityTooLarge()
        data: dict[str, Any] = self.__dict__
        data["files"] = ImmutableMultiDict()
        data["form"] = ImmutableMultiDict()  # stays empty when the bytes are refused
        data["form"] = ImmutableMultiDict(decode_pairs(raw, self.handset))
