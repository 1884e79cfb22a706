"""The Flask application class of the site."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask, Response, has_request_context, request

#: the most plain URLs kept (one per endpoint and script root: a few hundred at most)
_PLAIN_URLS_MAX = 4096
#: the most URLs with values kept (a diary's, a member's): emptied when full
_VALUED_URLS_MAX = 8192
#: a URL is kept for at most this many values, each of exactly these types (True is not 1)
_KEPT_VALUES = 2
_KEPT_TYPES = (int, str)
#: the most functions whose synchronous form is kept (views, hooks, handlers: a few hundred)
_SYNC_MAX = 4096


class KeitaiResponse(Response):
    """Flask's Response, which remembers the text a page's body was encoded from.

    The gateway rewrites every page as text: with the text kept, it need not decode the
    bytes Flask has just encoded.
    """

    #: the text set last with set_data(), and the bytes it became; None after bytes were set
    kept_text: tuple[str, bytes] | None = None

    def set_data(self, value: bytes | str) -> None:
        """Set the body (see werkzeug), remembering it when it is text."""
        super().set_data(value)
        self.kept_text = None
        if isinstance(value, str):
            self.kept_text = (value, self.response[0])  # type: ignore[index]

    def text_body(self) -> str:
        """Return the body as text: the text it was set from, while it is still the body."""
        kept, chunks = self.kept_text, self.response
        if type(chunks) is list and len(chunks) == 1:
            if kept is not None and chunks[0] is kept[1]:
                return kept[0]
            if type(chunks[0]) is bytes:  # without get_data's detours for one chunk
                return chunks[0].decode()
        return self.get_data(as_text=True)


class KeitaiFlask(Flask):
    """Flask, with responses that keep their text (KeitaiResponse), each function's
    synchronous form looked up once, and URLs built once and kept.

    Every page links to many pages, the same ones on every page (menus) or on many (a diary,
    a member); werkzeug's building is the same work each time for them. Only what cannot
    differ between two requests is kept: a relative URL (no scheme, host, anchor or method)
    of an absolute endpoint name with at most two values, each an int or a str, per script
    root, and only while no url_defaults function could add values.
    """

    response_class = KeitaiResponse

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._plain_urls: dict[tuple[object, ...], str] = {}
        self._valued_urls: dict[tuple[object, ...], str] = {}
        self._sync: dict[Callable[..., Any], Callable[..., Any]] = {}

    def ensure_sync(self, func: Callable[..., Any]) -> Callable[..., Any]:
        """Return func in a form a WSGI worker can call (see Flask), found once per function:
        Flask asks it for every hook, view and handler of every request."""
        try:
            return self._sync[func]
        except KeyError:
            found = super().ensure_sync(func)
            if len(self._sync) < _SYNC_MAX:
                self._sync[func] = found
            return found
        except TypeError:  # an unhashable callable
            return super().ensure_sync(func)

    def url_for(self, /, endpoint: str, *, _anchor: str | None = None,
                _method: str | None = None, _scheme: str | None = None,
                _external: bool | None = None, **values: Any) -> str:
        """Return the URL of endpoint, as Flask builds it (see the class)."""
        if (_anchor is not None or _method is not None or _scheme is not None or _external
                or endpoint[:1] == "." or self.url_default_functions
                or not has_request_context() or len(values) > _KEPT_VALUES
                or not all(type(value) in _KEPT_TYPES for value in values.values())):
            return super().url_for(endpoint, _anchor=_anchor, _method=_method,
                                   _scheme=_scheme, _external=_external, **values)
        if not values:
            kept, most = self._plain_urls, _PLAIN_URLS_MAX
            key: tuple[object, ...] = (endpoint, request.script_root)
        else:
            kept, most = self._valued_urls, _VALUED_URLS_MAX
            key = (endpoint, request.script_root, *values.items())
        url = kept.get(key)
        if url is None:
            url = super().url_for(endpoint, **values)
            if len(kept) >= most and kept is self._valued_urls:
                kept.clear()  # the pages of the moment come back soon enough
            if len(kept) < most:
                kept[key] = url
        return url
