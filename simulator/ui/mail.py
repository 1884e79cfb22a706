"""The mailbox: every mail the site sent, by recipient, opened in the handset that owns it."""
from __future__ import annotations

import mailbox

from flask import Blueprint, abort, redirect, render_template, url_for
from werkzeug.wrappers import Response

from simulator.mailview import Mail, list_mail, read_mail
from simulator.ui import simulator

bp = Blueprint("mail", __name__, url_prefix="/mail")


@bp.get("/")
def index() -> str:
    """List mail grouped by recipient, newest first."""
    sim = simulator()
    groups: dict[str, list[Mail]] = {}
    for message in list_mail(sim.mailbox_dir, sim.carrier_of):
        for recipient in message.recipients or ["(宛先なし)"]:
            groups.setdefault(recipient, []).append(message)
    owners = {address: sim.owner_of(address) for address in groups}
    return render_template("mail_list.html", groups=groups, owners=owners)


@bp.get("/<key>")
def show(key: str) -> str:
    """Show one mail decoded, its links opening in the handset that owns the address."""
    sim = simulator()
    message = read_mail(sim.mailbox_dir, key, sim.carrier_of)
    if message is None:
        abort(404)
    address = message.recipients[0] if message.recipients else ""
    owner = sim.owner_of(address) if address else None
    handset = owner.name if owner else sim.current_handset

    def href(index: int) -> str:
        frame = url_for("phone.mail_link", name=handset, key=key, index=index)
        return url_for("main.index", handset=handset, src=frame)

    return render_template("mail.html", mail=message, owner=owner, handset=handset,
                           body=message.body_html(href))


@bp.post("/clear")
def clear() -> Response:
    """Delete every mail."""
    folder = simulator().mailbox_dir
    if folder.exists():
        box = mailbox.Maildir(folder, create=False)
        for key in list(box.keys()):
            box.remove(key)
    return redirect(url_for(".index"))
