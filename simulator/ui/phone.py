"""The phone screen: pages fetched as the handset, shown in the UI's iframe."""
from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qsl

from flask import Blueprint, Response, abort, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from simulator.browser import Browser, Page, RedirectLoop
from simulator.forms import secret_fields
from simulator.gateway import gateway_for
from simulator.mailview import latest_to, read_mail
from simulator.session import UnknownHandset
from simulator.ui import simulator
from simulator.ui.screen import raw_context, screen_page

bp = Blueprint("phone", __name__, url_prefix="/phone/<name>")


@bp.url_value_preprocessor
def load_handset(endpoint: str | None, values: dict[str, object] | None) -> None:
    """Give every view the browser of the handset named in the URL."""
    name = str((values or {}).pop("name", ""))
    try:
        g.browser = simulator().browser(name)
    except UnknownHandset:
        abort(404, f"no handset named {name}")
    simulator().use_handset(name)


@bp.url_defaults
def add_handset(endpoint: str, values: dict[str, object]) -> None:
    """Keep the handset in every URL built while showing its screen."""
    if "name" not in values and "browser" in g:
        values["name"] = g.browser.profile.name


def _browser() -> Browser:
    found: Browser = g.browser
    return found


def _show(fetch: Callable[[], Page]) -> BaseResponse | str:
    try:
        page = fetch()
    except (OSError, RedirectLoop, ValueError) as error:
        return render_template("phone_message.html", title="接続できませんでした",
                               message=str(error)), 502  # type: ignore[return-value]
    return redirect(url_for(".view", page_id=page.id))


def _source(page_id: int) -> Page:
    page = _browser().page(page_id)
    if page is None:
        abort(404, "that page is no longer in the simulator's memory")
    return page


def _record(verb: str, *args: str, **options: str) -> None:
    simulator().recorder.step(_browser().profile.name, verb, *args, **options)


@bp.get("/")
def current() -> BaseResponse | str:
    """Show the page on the screen, or the target's top page at first."""
    page = _browser().current()
    if page is None:
        return redirect(url_for(".open", u="/"))
    return redirect(url_for(".view", page_id=page.id))


@bp.get("/open", endpoint="open")
def open_address() -> BaseResponse | str:
    """Open an address typed in the address bar (a path is on the target site)."""
    url = request.args.get("u", "/").strip() or "/"
    _record("open", simulator().relative(_browser().resolve(url)))
    return _show(lambda: _browser().open(url))


@bp.get("/link/<int:page_id>/<int:index>")
def link(page_id: int, index: int) -> BaseResponse | str:
    """Follow a link of a page, by click or access key; ask first where utn says so."""
    source = _source(page_id)
    links = source.document.links
    if not 0 <= index < len(links):
        abort(404)
    target, answer = links[index], request.args.get("answer")
    if answer is None:
        simulator().recorder.link(_browser().profile.name, target, links,
                                  request.args.get("via") == "key")
    asks = target.utn and gateway_for(_browser().profile).honours_utn
    if asks:
        if answer is None:
            return render_template("phone_confirm.html", form=None,
                                   yes=url_for(".link", page_id=page_id, index=index,
                                               answer="yes"),
                                   no=url_for(".link", page_id=page_id, index=index, answer="no"))
        _record("confirm", answer)
    return _show(lambda: _browser().open(target.url, serials=asks and answer == "yes"))


@bp.post("/form/<int:page_id>/<int:index>")
def form(page_id: int, index: int) -> BaseResponse | str:
    """Send a form in the handset's charset; ask first where utn says so."""
    source = _source(page_id)
    if not 0 <= index < len(source.document.forms):
        abort(404)
    sent = source.document.forms[index]
    pairs = parse_qsl(request.get_data().decode("utf-8", "replace"), keep_blank_values=True)
    answer = request.args.get("answer")
    if answer is None:
        simulator().recorder.form(_browser().profile.name, sent, pairs)
    asks = sent.utn and gateway_for(_browser().profile).honours_utn
    if asks:
        if answer is None:
            return render_template("phone_confirm.html", pairs=pairs, form=True,
                                   yes=url_for(".form", page_id=page_id, index=index,
                                               answer="yes"),
                                   no=url_for(".form", page_id=page_id, index=index, answer="no"))
        _record("confirm", answer)
    return _show(lambda: _browser().open(sent.action, sent.method, pairs,
                                         charset=source.charset,
                                         serials=asks and answer == "yes",
                                         secret=secret_fields(sent)))


@bp.get("/view/<int:page_id>")
def view(page_id: int) -> Response:
    """Show a stored page on the phone screen, converted for the PC browser."""
    response = Response(screen_page(_source(page_id)), mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/back")
def back() -> BaseResponse | str:
    """Go back one page, as the handset's back key does."""
    page = _browser().back()
    if page is None:
        return redirect(url_for(".current"))
    _record("back")
    return redirect(url_for(".view", page_id=page.id))


@bp.post("/clear")
def clear() -> BaseResponse | str:
    """Clear the handset's cookies and session: its jar and the pages it holds go (their
    links carry the session in the address), and the page it showed opens again without the
    session in its address, logged out."""
    _record("clear-session")
    return _show(_browser().clear_session)


@bp.get("/show/<int:page_id>")
def show(page_id: int) -> BaseResponse:
    """Show a page from the history again."""
    simulator().state.visit(_browser().profile.name, _source(page_id).id)
    return redirect(url_for(".view", page_id=page_id))


@bp.get("/resource")
def resource() -> Response:
    """Fetch an image or style sheet of the page as the handset."""
    url = request.args.get("u", "")
    try:
        fetched = _browser().fetch("GET", _browser().resolve(url))
    except (OSError, RedirectLoop, ValueError):
        abort(502)
    kind = next((v for k, v in fetched.response_headers if k.lower() == "content-type"),
                "application/octet-stream")
    return Response(fetched.body, status=fetched.status, content_type=kind)


@bp.get("/mail/<key>/<int:index>")
def mail_link(key: str, index: int) -> BaseResponse | str:
    """Open a link of a mail as this handset."""
    sim = simulator()
    message = read_mail(sim.mailbox_dir, key, sim.carrier_of)
    if message is None or not 0 <= index < len(message.links):
        abort(404)
    address = message.recipients[0] if message.recipients else ""
    latest = latest_to(sim.mailbox_dir, address, sim.carrier_of) if address else None
    if latest is not None and latest.key == key:
        options = {"to": address} | ({"link": str(index + 1)} if index else {})
        _record("mail-open-latest", **options)
    else:
        _record("open", sim.relative(message.links[index]))
    return _show(lambda: _browser().open(message.links[index]))


@bp.get("/raw/<int:page_id>")
def raw(page_id: int) -> str:
    """Show the raw exchange: request as sent, response headers, bytes, emoji in hex."""
    page = _source(page_id)
    return render_template("raw.html", page=page, profile=_browser().profile,
                           **raw_context(page))
