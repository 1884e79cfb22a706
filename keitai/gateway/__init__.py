"""The gateway: the hooks around every request (detect the handset, decode its input, load its
session, check CSRF; then rewrite, encode and size the page for it)."""
from __future__ import annotations

from collections.abc import Mapping
from typing import cast

from flask import Flask, Request, Response, current_app, g, request
from werkzeug.exceptions import BadRequest
from werkzeug.local import LocalProxy

import carriers
from keitai.gateway import sessions, templating
from keitai.gateway.handset_request import KeitaiRequest
from keitai.gateway.response import finish_response


class CsrfRefused(BadRequest):
    """A POST without the CSRF secret of its session."""

    description = ("ページの有効期限が切れたか、送信が重複しました。"
                   "前のページに戻らず、最初からやり直してください。")


def detect_handset() -> carriers.Handset:
    """Resolve the client address through trusted proxies and detect the handset."""
    environ = request.environ  # read directly: what request.headers and remote_addr give
    address = carriers.client_address(
        environ.get("REMOTE_ADDR"), environ.get("HTTP_X_FORWARDED_FOR"),
        current_app.config["TRUSTED_PROXIES"],
    )
    g.client_address = address
    # werkzeug's Headers reads like a case-insensitive Mapping[str, str], which detect() needs
    return carriers.detect(environ.get("HTTP_USER_AGENT", ""),
                           cast("Mapping[str, str]", request.headers), address)


def before_request() -> None:
    """Detect the handset, decode input, load the session and check CSRF."""
    handset = detect_handset()
    state = g._get_current_object()  # the proxies cost a look-up on every use
    state.handset = handset
    current = cast("LocalProxy[Request]", request)._get_current_object()
    assert isinstance(current, KeitaiRequest)
    current.handset = handset
    current.max_form_bytes = current_app.config["MAX_FORM_BYTES"]
    state.session = sessions.SessionState()
    # decode now: broken bytes must stop the request before any view runs
    _ = current.args
    post = current.method == "POST"
    if post:
        _ = current.form
    state.session = sessions.load_session(handset)
    if post and not sessions.csrf_valid(current.form.get("csrf_token")):
        raise CsrfRefused()


def after_request(response: Response) -> Response:
    """Finish the response for the handset."""
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
