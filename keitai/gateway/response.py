"""The response half of the gateway: links, page budget, charset and headers."""
from __future__ import annotations

import html
import logging

from flask import Response, current_app, g, request

import emoji_maps
from carriers import Handset
from carriers.emoji_sets import emoji_set
from carriers.markup import markup_for
from keitai.gateway import sessions
from keitai.gateway.emoji_markup import localsrc_images
from keitai.gateway.links import (
    LinkPlan,
    link_tags,
    rewrite_html,
    rewrite_location,
)
from keitai.gateway.paging import PART_PARAM, fit_page, part_nav, requested_part
from keitai.gateway.split import PageTooSmall
from keitai.gateway.templating import key_label

log = logging.getLogger(__name__)
_HTML_TYPES = ("text/html", "application/xhtml+xml")
#: what a handset is shown when a page cannot be split small enough for it
TOO_SMALL = "このページは表示できません。"


def encode_text(text: str, handset: Handset) -> bytes:
    """Encode canonical text into the bytes this handset reads, emoji included (only those of
    its set: an older browser's others as their text fallback)."""
    return emoji_maps.encode(text, handset.carrier, handset.charset, errors="html",
                             emoji_set=emoji_set(handset))


def link_query(handset: Handset, state: sessions.SessionState) -> str:
    """Return the parameters every own link carries for this handset."""
    params = []
    if handset.wants_guid:
        params.append("guid=ON")
    if not handset.cookies and state.token is not None and state.row is not None:
        params.append(f"{sessions.TOKEN_NAME}={state.token}")
    return "&amp;".join(params)


def _hidden(name: str, value: str) -> str:
    return f'<input type="hidden" name="{name}" value="{html.escape(value)}" />'


def link_plan(handset: Handset) -> LinkPlan:
    """Build what this response adds to own links and forms."""
    state: sessions.SessionState = g.session

    def token_field() -> str:
        if handset.cookies or state.token is None or state.row is None:
            return ""
        return _hidden(sessions.TOKEN_NAME, state.token)

    def post_fields() -> str:
        if state.row is None and handset.crawler:  # crawlers get no token: POSTs refused
            return ""
        return _hidden("csrf_token", sessions.csrf_token()) + token_field()

    guid = "guid=ON" if handset.wants_guid else ""
    query = link_query(handset, state)
    return LinkPlan(
        host=request.host, link_query=query, post_action_query=guid,
        get_fields=(_hidden("guid", "ON") if guid else "") + token_field(),
        post_fields=post_fields, external_ok=g.get("external_ok"),
    )


def too_small_page(handset: Handset) -> str:
    """Return the few hundred bytes shown instead of a page no split can fit (in its markup,
    well-formed where the handset parses XML)."""
    markup = markup_for(handset)
    xmlns = ' xmlns="http://www.w3.org/1999/xhtml"' if markup.xml else ""
    return (f"{markup.prolog(handset.charset)}<html{xmlns}><head><title>エラー</title></head>"
            f"<body><p>{TOO_SMALL}</p></body></html>")


def finish_response(response: Response) -> Response:
    """Rewrite, fit and encode an HTML response; set headers; save the session."""
    handset: Handset = g.handset
    if response.mimetype in _HTML_TYPES and not response.direct_passthrough:
        text = response.get_data(as_text=True)
        tags = link_tags(text)
        plan = link_plan(handset)
        text = rewrite_html(text, plan, tags)
        if handset.emoji_as_images:
            text = localsrc_images(text)
        nav = part_nav(request.path, request.environ.get("QUERY_STRING", ""), key_label,
                       lambda s: rewrite_html(s, plan))
        try:
            body = fit_page(text, handset.page_limit_bytes,
                            lambda s: encode_text(s, handset), nav,
                            requested_part(request.args.get(PART_PARAM)))
        except PageTooSmall:
            log.error("page %s cannot fit %s bytes", request.path, handset.page_limit_bytes)
            body = encode_text(too_small_page(handset), handset)
            response.status_code = 500
            # the member never saw the page: a 500 rolls the unit of work back (keitai.uow),
            # and a fresh session state saves nothing and sets no cookie
            g.session = sessions.SessionState()
        response.set_data(body)
        response.headers["Content-Type"] = markup_for(handset).content_type(handset.charset)
    location = response.headers.get("Location")
    if location:
        query = link_query(handset, g.session).replace("&amp;", "&")
        response.headers["Location"] = rewrite_location(location, request.host, query)
    _session_headers(response, handset)
    return response


def _session_headers(response: Response, handset: Handset) -> None:
    state: sessions.SessionState = g.session
    sessions.save_session()
    if handset.cookies and (state.dirty or state.retired or state.refused):
        if state.row is not None and state.token is not None:
            response.set_cookie(
                sessions.TOKEN_NAME, state.token, httponly=True, samesite="Lax",
                secure=current_app.config["COOKIE_SECURE"],
            )
        elif state.refused or state.retired:
            response.delete_cookie(sessions.TOKEN_NAME)
    sessions.set_pre_cookie(response)  # a visitor's form token is bound to it
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers.setdefault("Cache-Control", "private, no-store")
    response.vary.add("User-Agent")
