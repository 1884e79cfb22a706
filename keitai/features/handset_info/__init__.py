"""/handset: what the site detected about the handset in hand, for testers and support."""
from __future__ import annotations

from flask import Blueprint, g, render_template, request

bp = Blueprint("handset_info", __name__)


def mask(value: str) -> str:
    """Show enough of a terminal id to recognise it, not enough to reuse it."""
    if len(value) <= 4:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 5) + value[-2:]


@bp.get("/handset")
def show() -> str:
    """Show the detected carrier, model, screen, limits, cookies and terminal ids."""
    sample = request.args.get("sample", "")
    ids = {kind: mask(value) for kind, value in g.handset.terminal_ids.items()}
    code_points = " ".join(f"U+{ord(ch):04X}" for ch in sample[:40])
    return render_template("handset.html", ids=ids, sample=sample, code_points=code_points,
                           address=g.get("client_address"))
