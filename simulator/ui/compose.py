"""Write a mail from the current handset: To, Subject, Body and a file, sent over SMTP to the
mailbox as the handset's carrier would send it (simulator.mailcompose); the mailbox hands mail
for the site's posting domain to the site (posting by mail)."""
from __future__ import annotations

import smtplib
from urllib.parse import urlsplit

from flask import Blueprint, render_template, request

from simulator.mailcompose import Attached, carrier_mail
from simulator.ui import simulator

bp = Blueprint("compose", __name__, url_prefix="/mail")
#: the largest file the form attaches (handset mail of the time took 2 MB at most)
MAX_FILE_BYTES = 5 * 1024 * 1024


def _send(url: str, sender: str, to: str, raw: bytes) -> None:
    """Hand a raw mail to the SMTP server at url (smtp://host:port)."""
    parts = urlsplit(url)
    with smtplib.SMTP(parts.hostname or "127.0.0.1", parts.port or 25, timeout=30) as client:
        client.sendmail(sender, [to], raw)


def _attachment() -> Attached | None:
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return None
    data = upload.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ValueError(f"添付ファイルは{MAX_FILE_BYTES // (1024 * 1024)}MBまでです")
    return Attached(upload.filename, upload.mimetype or "application/octet-stream", data)


@bp.route("/compose", methods=["GET", "POST"])
def compose() -> str:
    """Show the form; send the mail from the current handset's address."""
    sim = simulator()
    profile = sim.profile(sim.current_handset)
    fields = {name: request.form.get(name, "") for name in ("to", "subject", "body")}
    sent = error = None
    if request.method == "POST" and profile.mail:
        try:
            attached = _attachment()
            raw = carrier_mail(profile.mail, fields["to"].strip(), fields["subject"],
                               fields["body"], [attached] if attached else [],
                               carrier=profile.carrier)
            _send(sim.smtp_url, profile.mail, fields["to"].strip(), raw)
            sent = fields["to"].strip()
            fields = {"to": fields["to"], "subject": "", "body": ""}
        except smtplib.SMTPRecipientsRefused as refused:
            error = "宛先が受け付けられませんでした: " + "; ".join(
                f"{code} {text.decode('ascii', 'replace')}"
                for code, text in refused.recipients.values())
        except (smtplib.SMTPException, OSError, ValueError, UnicodeEncodeError) as failed:
            error = f"送れませんでした: {failed}"
    return render_template("mail_compose.html", profile=profile, fields=fields, sent=sent,
                           error=error)
