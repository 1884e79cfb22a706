"""Hand mail to the SMTP server KEITAI_SMTP_URL names (smtp://, smtps://, with credentials)."""
from __future__ import annotations

import smtplib
from email.message import Message
from urllib.parse import unquote, urlsplit

TIMEOUT_SECONDS = 10
_DEFAULT_PORTS = {"smtp": 25, "smtps": 465, "smtp+starttls": 587}


def deliver(url: str, sender: str, recipient: str, message: Message) -> None:
    """Send one message through the SMTP server at url; raise smtplib/OSError on failure."""
    parts = urlsplit(url)
    if parts.scheme not in _DEFAULT_PORTS or not parts.hostname:
        raise ValueError("KEITAI_SMTP_URL must look like smtp://host:port")
    port = parts.port or _DEFAULT_PORTS[parts.scheme]
    client_class = smtplib.SMTP_SSL if parts.scheme == "smtps" else smtplib.SMTP
    with client_class(parts.hostname, port, timeout=TIMEOUT_SECONDS) as client:
        if parts.scheme == "smtp+starttls":
            client.starttls()
        if parts.username:
            client.login(unquote(parts.username), unquote(parts.password or ""))
        # send_message writes CRLF line ends, as SMTP requires: sendmail() would pass a
        # flattened message's bare LFs on, and a strict server reads them as one long line
        client.send_message(message, sender, [recipient])
