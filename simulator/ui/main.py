"""The simulator's front page: pick a handset, see its screen, keypad, meter and history."""
from __future__ import annotations

from flask import Blueprint, abort, jsonify, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from simulator.session import UnknownHandset
from simulator.ui import simulator
from simulator.ui.screen import sent_user_agent

bp = Blueprint("main", __name__)

#: the keypad as an i-mode handset's keys were printed: the key, its kana row, and the
#: letters and signs of its alphanumeric mode (* adds ゛ or ゜ and makes a kana small, # types
#: punctuation); what repeated presses type is in static/multitap.js
KEYS = (("1", "あ", ".@/-"), ("2", "か", "ABC"), ("3", "さ", "DEF"), ("4", "た", "GHI"),
        ("5", "な", "JKL"), ("6", "は", "MNO"), ("7", "ま", "PQRS"), ("8", "や", "TUV"),
        ("9", "ら", "WXYZ"), ("*", "゛゜", "大/小"), ("0", "わ", "をん"), ("#", "、。", "?!"))


@bp.get("/")
def index() -> str:
    """Show the phone of the chosen handset (?handset=), opening ?open= or ?src= in it."""
    sim = simulator()
    name = request.args.get("handset") or sim.current_handset
    try:
        profile = sim.profile(name)
    except UnknownHandset:
        abort(404, f"no handset named {name}")
    sim.use_handset(name)
    src = request.args.get("src", "")
    if not src.startswith(f"/phone/{name}/"):
        src = url_for("phone.current", name=name)
    if request.args.get("open"):
        src = url_for("phone.open", name=name, u=request.args["open"])
    shown = sim.browser(name).current()
    return render_template("index.html", profile=profile, profiles=sim.profiles.all(),
                           handset=profile.handset, src=src, keys=KEYS,
                           recording=sim.recorder.on,
                           sent_agent=sent_user_agent(shown.exchange) if shown else None)


@bp.get("/favicon.ico")
def favicon() -> Response:
    """Send a browser that asks for /favicon.ico to the UI's icon."""
    return redirect(url_for("static", filename="favicon.svg"))


@bp.get("/api/<name>/history")
def history(name: str) -> Response:
    """Return the handset's visits, newest first, as JSON."""
    sim = simulator()
    try:
        sim.profile(name)
    except UnknownHandset:
        abort(404)
    visits = sim.state.history(name)
    for visit in visits:
        visit["show"] = url_for("phone.show", name=name, page_id=visit["page"])
    return jsonify(visits)
