"""The response half of the gateway: links, page budget, charset and headers."""
from __future__ import annotations

import html
import logging
from collections.abc import Callable
from typing import cast

from flask import Request, Response, current_app, g, request
from flask.ctx import _AppCtxGlobals
from werkzeug.local import LocalProxy

import emoji_maps
from carriers import Handset
from carriers.emoji_sets import emoji_set
from carriers.handset import per_handset
from carriers.markup import markup_for
from carriers.page_sizes import split_bytes
from keitai.application import KeitaiResponse
from keitai.gateway import sessions
from keitai.gateway.emoji_markup import localsrc_images
from keitai.gateway.handset_request import first
from keitai.gateway.links import LinkPlan, rewrite_html, rewrite_location
from keitai.gateway.paging import PART_PARAM, fit_page, part_nav, requested_part
from keitai.gateway.split import PageTooSmall
from keitai.gateway.templating import key_label

log = logging.getLogger(__name__)
_HTML_TYPES = ("text/html", "application/xhtml+xml")
#: what a handset is shown when a page cannot be split small enough for it
TOO_SMALL = "このページは表示できません。"
#: what a redirect's body says, and its link to the new address
MOVED = "移動しました。"
MOVED_LINK = "移動先へ"
#: statuses whose body a browser may show in place of following the Location
_REDIRECTS = frozenset((301, 302, 303, 307, 308))


def encode_text(text: str, handset: Handset) -> bytes:
    """Encode canonical text into the bytes this handset reads, emoji included (only those of
    its set: an older browser's others as their text fallback)."""
    return page_encoder(handset)(text)


@per_handset
def page_encoder(handset: Handset) -> Callable[[str], bytes]:
    """Return encode_text for this handset, its charset and emoji looked up once."""
    return emoji_maps.encoder(handset.carrier, handset.charset, errors="html",
                              emoji_set=emoji_set(handset))


@per_handset
def content_type(handset: Handset) -> str:
    """Return the Content-Type of this handset's pages."""
    return markup_for(handset).content_type(handset.charset)


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


#: the hidden field of an own GET form on handsets whose links carry guid=ON
_GUID_FIELD = _hidden("guid", "ON")


def link_plan(handset: Handset) -> LinkPlan:
    """Build what this response adds to own links and forms."""
    return _link_plan(handset, g.session, request.host, g.get("external_ok"))


def _link_plan(handset: Handset, state: sessions.SessionState, host: str,
               external_ok: str | None) -> LinkPlan:
    token_field = ("" if handset.cookies or state.token is None or state.row is None
                   else _hidden(sessions.TOKEN_NAME, state.token))

    def post_fields() -> str:
        if state.row is None and handset.crawler:  # crawlers get no token: POSTs refused
            return ""
        return _hidden("csrf_token", sessions.csrf_token()) + token_field

    guid = handset.wants_guid
    return LinkPlan(
        host=host, link_query=link_query(handset, state),
        post_action_query="guid=ON" if guid else "",
        get_fields=(_GUID_FIELD if guid else "") + token_field,
        post_fields=post_fields, external_ok=external_ok,
    )


def short_page(handset: Handset, title: str, body: str) -> str:
    """Return a page of a few hundred bytes in the handset's markup (well-formed where the
    handset parses XML): body is HTML, title plain text."""
    markup = markup_for(handset)
    xmlns = ' xmlns="http://www.w3.org/1999/xhtml"' if markup.xml else ""
    return (f"{markup.prolog(handset.charset)}<html{xmlns}><head><title>{html.escape(title)}"
            f"</title></head><body>{body}</body></html>")


def too_small_page(handset: Handset) -> str:
    """Return what is shown instead of a page no split can fit."""
    return short_page(handset, "エラー", f"<p>{TOO_SMALL}</p>")


def redirect_page(handset: Handset, location: str) -> str:
    """Return the body of a redirect: a browser that does not follow it (or shows it while
    it does) reads a Japanese line and a link to the new address, the Location as sent."""
    return short_page(handset, MOVED, f'<p>{MOVED}<br /><a href="{html.escape(location)}">'
                                      f"{MOVED_LINK}</a></p>")


def keep_whole() -> None:
    """Split this request's page only at the handset's limit, not at a comfortable size: for
    a page made to fit that limit (home: its menu on the number keys would be scattered
    over parts)."""
    g.keep_whole = True


def finish_response(response: Response) -> Response:
    """Rewrite, fit and encode an HTML response; set headers; save the session."""
    context = g._get_current_object()  # the proxies cost a look-up on every use
    current = cast("LocalProxy[Request]", request)._get_current_object()
    handset: Handset = context.handset
    headers = response.headers
    # the names present, looked up once: werkzeug builds an exception for every name missing
    present = {name.lower() for name, _value in headers}
    page = not response.direct_passthrough and response.mimetype in _HTML_TYPES
    moved = (page and response.status_code in _REDIRECTS and "location" in present
             and bool(headers["Location"]))
    if page and not moved:
        _finish_page(response, handset, context, current)
    location = headers["Location"] if "location" in present else None
    if location:
        query = link_query(handset, context.session).replace("&amp;", "&")
        location = headers["Location"] = rewrite_location(location, current.host, query)
    if moved and location:
        # not werkzeug's English HTML: a short page the handset reads, in its charset
        response.set_data(page_encoder(handset)(redirect_page(handset, location)))
        headers["Content-Type"] = content_type(handset)
    _session_headers(response, handset, context.session, present)
    return response


def _page_text(response: Response) -> str:
    """Return the body as text: get_data(as_text=True), without its detours for the one
    bytes chunk a rendered template is (nor the decoding, when the response kept the text)."""
    if isinstance(response, KeitaiResponse):
        return response.text_body()
    chunks = response.response
    if type(chunks) is list and len(chunks) == 1 and type(chunks[0]) is bytes:
        return chunks[0].decode()
    return response.get_data(as_text=True)


def _finish_page(response: Response, handset: Handset, context: _AppCtxGlobals,
                 current: Request) -> None:
    """Rewrite links and forms, fit the page to the handset's budget and encode it."""
    plan = _link_plan(handset, context.session, current.host, context.get("external_ok"))
    text = rewrite_html(_page_text(response), plan)
    if handset.emoji_as_images:
        text = localsrc_images(text)
    path, raw_query = current.path, current.environ.get("QUERY_STRING", "")

    def nav(index: int, count: int) -> str:  # only a page that is split needs it
        return part_nav(path, raw_query, key_label,
                        lambda s: rewrite_html(s, plan))(index, count)

    encode = page_encoder(handset)
    try:
        body = fit_page(text, handset.page_limit_bytes, encode, nav,
                        requested_part(first(current.args, PART_PARAM)),
                        None if context.get("keep_whole")
                        else split_bytes(handset, current_app.config["SPLIT_BYTES"]))
    except PageTooSmall:
        log.error("page %s cannot fit %s bytes", path, handset.page_limit_bytes)
        body = encode(too_small_page(handset))
        response.status_code = 500
        # the member never saw the page: a 500 rolls the unit of work back (keitai.uow),
        # and a fresh session state saves nothing and sets no cookie
        context.session = sessions.SessionState()
    response.set_data(body)
    response.headers["Content-Type"] = content_type(handset)


def _session_headers(response: Response, handset: Handset, state: sessions.SessionState,
                     present: set[str]) -> None:
    """Save the session, send its cookies and the headers of every page (present: the
    lower-case names of the headers the response had before)."""
    sessions.save_session(state)
    if handset.cookies and (state.dirty or state.retired or state.refused):
        if state.row is not None and state.token is not None:
            response.set_cookie(
                sessions.TOKEN_NAME, state.token, httponly=True, samesite="Lax",
                secure=current_app.config["COOKIE_SECURE"],
            )
        elif state.refused or state.retired:
            response.delete_cookie(sessions.TOKEN_NAME)
    sessions.set_pre_cookie(response, state)  # a visitor's form token is bound to it
    headers = response.headers
    # add() where the header is absent: what assigning or setdefault() would do, unscanned
    if "referrer-policy" in present:
        headers["Referrer-Policy"] = "same-origin"
    else:
        headers.add("Referrer-Policy", "same-origin")
    if "cache-control" not in present:
        # stored by no cache, so there is nothing for a Vary header to tell apart
        headers.add("Cache-Control", "private, no-store")
    elif "vary" in present:  # a response a cache may keep differs from handset to handset
        response.vary.add("User-Agent")
    else:  # what vary.add() writes, without parsing the header it lacks
        headers.add("Vary", "User-Agent")
