"""Record, edit and replay browsing scripts from the UI."""
from __future__ import annotations

from flask import Blueprint, Response, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from simulator.replay import Player, ReplayError
from simulator.script import ScriptError, format_step, parse_script
from simulator.ui import simulator

bp = Blueprint("scripts", __name__, url_prefix="/script")


def _back() -> BaseResponse:
    target = request.form.get("next", "")
    return redirect(target if target.startswith("/") and not target.startswith("//")
                    else url_for(".index"))


@bp.get("/")
def index() -> str:
    """Show the recorded script."""
    sim = simulator()
    return render_template("script.html", text="\n".join(sim.recorder.lines()),
                           recording=sim.recorder.on, results=None, error=None)


@bp.post("/record")
def record() -> BaseResponse:
    """Start or stop recording, or clear the script."""
    recorder = simulator().recorder
    action = request.form.get("action")
    if action == "start":
        recorder.start()
    elif action == "stop":
        recorder.stop()
    elif action == "clear":
        recorder.clear()
    return _back()


@bp.post("/expect")
def expect() -> BaseResponse:
    """Add an expect step for text the tester sees on the screen."""
    text = request.form.get("text", "").strip()
    sim = simulator()
    if text:
        handset = request.form.get("handset") or sim.current_handset
        if sim.state.setting("recorded_handset") != handset:
            sim.state.append_script(format_step("handset", handset))
            sim.state.set_setting("recorded_handset", handset)
        sim.state.append_script(format_step("expect", text))
    return _back()


@bp.post("/save")
def save() -> BaseResponse | tuple[str, int]:
    """Replace the recorded script with the edited text."""
    text = request.form.get("script", "")
    try:
        parse_script(text)
    except ScriptError as error:
        return render_template("script.html", text=text, recording=simulator().recorder.on,
                               results=None, error=str(error)), 400
    simulator().state.set_script(text.splitlines())
    return redirect(url_for(".index"))


@bp.post("/replay")
def replay() -> tuple[str, int]:
    """Replay the script against the target and show each step's result."""
    sim = simulator()
    text = request.form.get("script", "")
    player = Player(sim)
    error = None
    try:
        player.run(parse_script(text))
    except (ScriptError, ReplayError) as failed:
        error = str(failed)
    final = None
    if player.page is not None:
        frame = url_for("phone.view", name=player.page.profile.name, page_id=player.page.id)
        final = url_for("main.index", handset=player.page.profile.name, src=frame)
    return render_template("script.html", text=text, recording=sim.recorder.on,
                           results=player.results, error=error, final=final), (
        200 if error is None else 422)


@bp.get("/script.txt")
def download() -> Response:
    """Download the recorded script as a text file."""
    text = "\n".join(simulator().recorder.lines()) + "\n"
    return Response(text, mimetype="text/plain", headers={
        "Content-Disposition": "attachment; filename=keitai-script.txt"})
