"""The simulator's front page: pick a handset, see its screen, keypad, meter and history."""
from __future__ import annotations

from flask import Blueprint, abort, jsonify, render_template, request, url_for
from werkzeug.wrappers import Response

from simulator.session import UnknownHandset
from simulator.ui import simulator

bp = Blueprint("main", __name__)

#: the keypad: key and the letters printed on it
KEYS = (("1", ".@"), ("2", "ABC"), ("3", "DEF"), ("4", "GHI"), ("5", "JKL"), ("6", "MNO"),
        ("7", "PQRS"), ("8", "TUV"), ("9", "WXYZ"), ("*", ""), ("0", "わ"), ("#", ""))


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
    return render_template("index.html", profile=profile, profiles=sim.profiles.all(),
                           handset=profile.handset, src=src, keys=KEYS,
                           recording=sim.recorder.on)


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
