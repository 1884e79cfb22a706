"""Add and edit handset profiles; they are saved to the simulator's profiles.json."""
from __future__ import annotations

import re

from flask import Blueprint, abort, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

import carriers
from carriers.docomo import is_foma
from simulator.profiles import ID_KINDS, Profile, default_ids
from simulator.ui import simulator

bp = Blueprint("handsets", __name__, url_prefix="/handsets")
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._\-]{0,63}")


@bp.get("/")
def index() -> str:
    """List the handset profiles."""
    profiles = simulator().profiles.all()
    return render_template("handsets.html", profiles=profiles)


@bp.get("/new")
def new() -> str:
    """Show an empty profile form, or a copy of ?copy=NAME."""
    copied = simulator().profiles.get(request.args.get("copy", ""))
    return render_template("handset_edit.html", profile=copied, new=True, ids=ID_KINDS,
                           error=None)


@bp.get("/<name>")
def edit(name: str) -> str:
    """Show a profile's form."""
    profile = simulator().profiles.get(name)
    if profile is None:
        abort(404)
    return render_template("handset_edit.html", profile=profile, new=False, ids=ID_KINDS,
                           error=None)


@bp.post("/new")
@bp.post("/<name>")
def save(name: str | None = None) -> Response | tuple[str, int]:
    """Save the profile from the form and show the phone with it."""
    form = request.form
    new_name = name or form.get("name", "").strip()
    if not _NAME.fullmatch(new_name) or not form.get("user_agent", "").strip():
        error = "名前(英数字と . _ -)と User-Agent は必須です"
        return render_template("handset_edit.html", profile=None, new=name is None,
                               ids=ID_KINDS, error=error), 400
    agent = form["user_agent"].strip()
    headers = dict(_header(line) for line in form.get("headers", "").splitlines()
                   if ":" in line)
    detected = carriers.detect(agent, headers)
    ids = {kind: form.get(f"id_{kind}", "").strip() for kind in ID_KINDS}
    if not any(ids.values()):
        ids = default_ids(new_name, detected.carrier, is_foma(agent))
    screen = (_number(form.get("width"), 240), _number(form.get("height"), 320))
    simulator().profiles.save(Profile(
        name=new_name, label=form.get("label", "").strip() or new_name, user_agent=agent,
        headers=headers, screen=screen, cookies="cookies" in form, ids=ids,
        send_ids="send_ids" in form, via_gateway="via_gateway" in form,
        mail=form.get("mail", "").strip() or None, generation=form.get("generation", "")))
    return redirect(url_for("main.index", handset=new_name))


def _header(line: str) -> tuple[str, str]:
    name, _, value = line.partition(":")
    return name.strip(), value.strip()


def _number(text: str | None, default: int) -> int:
    return int(text) if text and text.strip().isdigit() else default
