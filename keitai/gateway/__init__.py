"""The gateway: the hooks around every request (detect the handset, decode its input, load its
session, check CSRF; then rewrite, encode and size the page for it)."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import cast

from flask import Flask, Request, Response, current_app, g, request
from flask.ctx import _AppCtxGlobals
from werkzeug.exceptions import BadRequest
from werkzeug.local import LocalProxy

import carriers
from keitai.gateway import sessions, templating
from keitai.gateway.handset_request import KeitaiRequest
from keitai.gateway.response import finish_response

#: endpoints that authenticate by an `Authorization: Bearer` token only (players' APIs): no
#: web session is loaded for them (a logged-in browser's cookie proves nothing there), none
#: is set, and no CSRF token is asked for, since no browser form can send that header
TOKEN_API_ENDPOINTS = frozenset({"music.api_plays"})
#: endpoints that send the same bytes to every browser (the stylesheet): no session is loaded
#: or saved, no cookie set, and the response goes out as the view made it (its own
#: Cache-Control, no `Vary: User-Agent`)
STATIC_ENDPOINTS = frozenset({"stylesheet"})


class CsrfRefused(BadRequest):
    """A POST without the CSRF secret of its session."""

    description = ("ページの有効期限が切れたか、送信が重複しました。"
                   "前のページに戻らず、最初からやり直してください。")


def detect_handset() -> carriers.Handset:
    """Resolve the client address through trusted proxies and detect the handset."""
    return _detect(cast("LocalProxy[Request]", request)._get_current_object(),
                   g._get_current_object(), current_app.config["TRUSTED_PROXIES"])


def _detect(current: Request, context: _AppCtxGlobals,
            trusted_proxies: Sequence[str]) -> carriers.Handset:
    environ = current.environ  # read directly: what request.headers and remote_addr give
    address = carriers.client_address(
        environ.get("REMOTE_ADDR"), environ.get("HTTP_X_FORWARDED_FOR"), trusted_proxies)
    context.client_address = address
    # werkzeug's Headers reads like a case-insensitive Mapping[str, str], which detect() needs
    return carriers.detect(environ.get("HTTP_USER_AGENT", ""),
                           cast("Mapping[str, str]", current.headers), address)


def before_request() -> None:
    """Detect the handset, decode input, load the session and check CSRF."""
    # the objects behind the proxies, looked up once: a proxy costs a look-up on every use
    current = cast("LocalProxy[Request]", request)._get_current_object()
    assert isinstance(current, KeitaiRequest)
    context = g._get_current_object()
    config = current_app.config
    handset = _detect(current, context, config["TRUSTED_PROXIES"])
    context.handset = handset
    current.handset = handset
    current.max_form_bytes = config["MAX_FORM_BYTES"]
    # a fresh state while the input is decoded, which an error page may need; then filled
    context.session = state = sessions.SessionState()
    if current.endpoint in STATIC_ENDPOINTS:
        return  # the same bytes for everyone: nothing of the visitor is read
    if current.endpoint in TOKEN_API_ENDPOINTS:
        return  # its Bearer token alone: no web session loaded or set, no CSRF, JSON as sent
    # decode now: broken bytes must stop the request before any view runs
    _ = current.args
    post = current.method == "POST"
    if post:
        _ = current.form
    context.session = sessions.load_session(handset, state)
    if post and not sessions.csrf_valid(current.form.get("csrf_token")):
        raise CsrfRefused()


def after_request(response: Response) -> Response:
    """Finish the response for the handset."""
    if request.endpoint in STATIC_ENDPOINTS:
        return response
    if "handset" not in g:  # the request failed before detection
        g.handset = carriers.Handset()
        g.session = sessions.SessionState()
    return finish_response(response)


def init_app(app: Flask) -> None:
    """Install the gateway hooks (unless GATEWAY_HOOKS is off, for benchmarks)."""
    app.request_class = KeitaiRequest
    templating.init_app(app)
    if app.config["GATEWAY_HOOKS"]:
        app.before_request(before_request)
        app.after_request(after_request)
