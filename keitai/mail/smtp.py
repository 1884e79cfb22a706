"""Hand mail to the SMTP server KEITAI_SMTP_URL names (smtp://, smtps://, with credentials).

smtp+starttls:// and smtps:// check the server's certificate and host name, against the
system's certificate authorities or the one in KEITAI_SMTP_CA_FILE: a mail holds login links,
and the credentials in the URL go over that connection.
"""
from __future__ import annotations

import smtplib
import ssl
from email.message import Message
from urllib.parse import unquote, urlsplit

TIMEOUT_SECONDS = 10
_DEFAULT_PORTS = {"smtp": 25, "smtps": 465, "smtp+starttls": 587}


def deliver(url: str, sender: str, recipient: str, message: Message,
            cafile: str | None = None) -> None:
    """Send one message through the SMTP server at url; raise smtplib/OSError on failure."""
    parts = urlsplit(url)
    if parts.scheme not in _DEFAULT_PORTS or not parts.hostname:
        raise ValueError("KEITAI_SMTP_URL must look like smtp://host:port")
    port = parts.port or _DEFAULT_PORTS[parts.scheme]
    context = ssl.create_default_context(cafile=cafile)
    client: smtplib.SMTP
    if parts.scheme == "smtps":
        client = smtplib.SMTP_SSL(parts.hostname, port, timeout=TIMEOUT_SECONDS, context=context)
    else:
        client = smtplib.SMTP(parts.hostname, port, timeout=TIMEOUT_SECONDS)
    with client:
        if parts.scheme == "smtp+starttls":
            client.starttls(context=context)
        if parts.username:
            client.login(unquote(parts.username), unquote(parts.password or ""))
        # send_message writes CRLF line ends, as SMTP requires: sendmail() would pass a
        # flattened message's bare LFs on, and a strict server reads them as one long line
        client.send_message(message, sender, [recipient])
