"""A Request whose args and form are decoded with the handset's charset, not always UTF-8."""
from __future__ import annotations

from typing import IO, Any

from flask import Request
from werkzeug.datastructures import FileStorage, Headers, ImmutableMultiDict, MultiDict
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.formparser import FormDataParser, MultiPartParser
from werkzeug.utils import cached_property

from carriers import Handset
from keitai.gateway.inputs import MAX_FIELDS, decode_fields, decode_pairs, decode_query

_PC = Handset()
#: what args and form are when there is nothing to read (immutable, so one serves all)
_EMPTY: ImmutableMultiDict[str, str] = ImmutableMultiDict()
_URLENCODED = "application/x-www-form-urlencoded"
_MULTIPART = "multipart/form-data"


class _PartBytes(MultiPartParser):
    """A multipart parser that leaves each text part's bytes alone (as latin-1 text)."""

    def get_part_charset(self, headers: Headers) -> str:
        """Return latin-1, which maps every byte to one character and back."""
        return "latin-1"


class _FormParser(FormDataParser):
    """Werkzeug's form parser with _PartBytes for multipart bodies."""

    def _parse_multipart(self, stream: IO[bytes], mimetype: str, content_length: int | None,
                         options: dict[str, str]) -> tuple[IO[bytes], Any, Any]:
        parser = _PartBytes(stream_factory=self.stream_factory,
                            max_form_memory_size=self.max_form_memory_size,
                            max_form_parts=self.max_form_parts, cls=self.cls)
        boundary = options.get("boundary", "").encode("ascii")
        if not boundary:
            raise ValueError("Missing boundary")
        form, files = parser.parse(stream, boundary, content_length)
        return stream, form, files


def drop_unusable_host(environ: dict[str, Any]) -> None:
    """Treat a Host header no URL can carry (a label of over 63 octets) as absent.

    Werkzeug treats a Host of invalid characters so; one that only fails IDNA makes URL
    building impossible for the whole request, the error page's links included.
    """
    name = environ.get("HTTP_HOST", "").partition(":")[0]
    try:
        name.encode("idna")
    except UnicodeError:
        environ["HTTP_HOST"] = ""


def first(fields: MultiDict[str, str], name: str) -> str | None:
    """Return fields.get(name), without the exception werkzeug builds for every name missing
    (a look-up of a query parameter or cookie most requests lack)."""
    return fields.get(name) if name in fields else None


class KeitaiRequest(Request):
    """Decode query and form bytes (urlencoded or multipart) with the handset's charset.

    A refused query or form (too many fields, bytes that are no text, too large) is left
    empty and cached, so that the error page, which reads them again, renders.
    """

    def __init__(self, environ: dict[str, Any], populate_request: bool = True,
                 shallow: bool = False) -> None:
        drop_unusable_host(environ)
        super().__init__(environ, populate_request, shallow)

    #: set by the gateway before anything reads args or form
    handset: Handset = _PC
    #: the largest urlencoded body, and the most text a multipart body may carry
    max_form_bytes: int = 64 * 1024

    @cached_property
    def args(self) -> MultiDict[str, str]:
        """Return the query string decoded for the handset."""
        self.__dict__["args"] = _EMPTY  # stays empty when the query is refused
        query = self.environ.get("QUERY_STRING", "")
        if not query:
            return _EMPTY
        return ImmutableMultiDict(decode_query(query.encode("latin-1", "replace"),
                                               self.handset))

    def _load_form_data(self) -> None:
        if "form" in self.__dict__:
            return
        data: dict[str, Any] = self.__dict__
        data["form"] = data["files"] = ImmutableMultiDict()  # stays empty when refused
        if self.method != "POST":  # only a POST sends a form: other bodies are never read
            return
        if self.mimetype == _URLENCODED:
            data["form"] = ImmutableMultiDict(decode_pairs(self._urlencoded_body(),
                                                           self.handset))
        elif self.mimetype == _MULTIPART:
            data["form"], data["files"] = self._multipart()

    def _urlencoded_body(self) -> bytes:
        length = self.content_length
        if length is not None and length > self.max_form_bytes:
            raise RequestEntityTooLarge()
        raw = self.stream.read(self.max_form_bytes + 1)
        if len(raw) > self.max_form_bytes:
            raise RequestEntityTooLarge()
        return raw

    def _multipart(self) -> tuple[MultiDict[str, str], MultiDict[str, FileStorage]]:
        parser = _FormParser(stream_factory=self._get_file_stream,
                             max_form_memory_size=self.max_form_bytes,
                             max_content_length=self.max_content_length,
                             max_form_parts=MAX_FIELDS, cls=ImmutableMultiDict)
        _stream, parts, files = parser.parse(self._get_stream_for_parsing(), self.mimetype,
                                             self.content_length, self.mimetype_params)
        pairs = [(name.encode("utf-8"), value.encode("latin-1"))
                 for name, value in parts.items(multi=True)
                 if name is not None]  # a part whose name werkzeug could not read
        if sum(len(value) for _name, value in pairs) > self.max_form_bytes:
            raise RequestEntityTooLarge()
        return ImmutableMultiDict(decode_fields(pairs, self.handset)), files
