"""The Flask application class of the site."""
from __future__ import annotations

from typing import Any

from flask import Flask, has_request_context, request

#: the most plain URLs kept (one per endpoint and script root: a few hundred at most)
_PLAIN_URLS_MAX = 4096


class KeitaiFlask(Flask):
    """Flask, with the URL of an endpoint that takes no values built once and kept.

    Every page links to many such pages (the menus); werkzeug's building is the same work
    each time for them. Only what cannot differ between two requests is kept: a relative
    URL (no scheme, host, anchor, method or values) of an absolute endpoint name, per script
    root, and only while no url_defaults function could add values.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._plain_urls: dict[tuple[str, str], str] = {}

    def url_for(self, /, endpoint: str, *, _anchor: str | None = None,
                _method: str | None = None, _scheme: str | None = None,
                _external: bool | None = None, **values: Any) -> str:
        """Return the URL of endpoint, as Flask builds it (see the class)."""
        if (values or _anchor is not None or _method is not None or _scheme is not None
                or _external or endpoint[:1] == "." or self.url_default_functions
                or not has_request_context()):
            return super().url_for(endpoint, _anchor=_anchor, _method=_method,
                                   _scheme=_scheme, _external=_external, **values)
        key = (endpoint, request.script_root)
        url = self._plain_urls.get(key)
        if url is None:
            url = super().url_for(endpoint, _external=_external)
            if len(self._plain_urls) < _PLAIN_URLS_MAX:
                self._plain_urls[key] = url
        return url
