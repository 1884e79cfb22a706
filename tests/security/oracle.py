"""What every answer to a fuzzed request must be: no 500, a page the handset can read, and
no write but the ones the request may make."""
from __future__ import annotations

import logging
import re
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit
from xml.dom import minidom
from xml.parsers.expat import ExpatError

from flask import Flask, g, request, request_finished, template_rendered
from webtest import TestResponse

from carriers import Handset
from carriers.markup import markup_for
from keitai import TEMPLATES_DIR
from keitai.models import Base
from tests.security.world import Dump

#: the variable each template shows a refusal in: {{ m.message(error) }}
ERROR_SLOTS = {path.name: found.group(1)
               for path in TEMPLATES_DIR.glob("*.html")
               if (found := re.search(r"m\.message\((\w+)\)", path.read_text()))}
#: the views that count attempts (passwords tried, mails sent) in rate_counters, in a
#: transaction of their own: a refused POST to them still counts
RATE_COUNTED = frozenset((
    "login.submit", "easy_login.submit", "easy_login.register", "signup.invite",
    "signup.submit", "password_reset.forgot", "settings.email", "settings.password",
    "settings.withdraw"))
#: session columns any request may change (the notice a page shows, the last visit)
_SESSION_VOLATILE = ("data", "last_seen_at")
#: endpoints that end the session whose token they were sent: our links never carry one to
#: /exit, so a token there has leaked (keitai/features/exit) and the session goes
ENDS_LEAKED_SESSIONS = frozenset({"exit.leave"})
_HTML = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class Marks:
    """What a view may write while it shows something: read marks, footprints, variants."""

    table: str
    #: it may add rows
    adds: bool = False
    #: it may change these columns of existing rows
    columns: tuple[str, ...] = ()


#: writes a request may make even when it is a GET or refused, by endpoint
READ_MARKS: dict[str, tuple[Marks, ...]] = {
    "profile.show": (Marks("footprints", adds=True, columns=("visited_at",)),),
    "footprints.index": (Marks("profiles", adds=True, columns=("footprints_seen_at",)),),
    "messages.show": (Marks("messages", columns=("read_at",)),),
    "diary.show": (Marks("diaries", columns=("owner_read_at",)),),
    "diary.add_comment": (Marks("diaries", columns=("owner_read_at",)),),
    "profile.photo": (Marks("photo_variants", adds=True),),
    "communities.topic_photo_image": (Marks("topic_photo_variants", adds=True),),
    "announcements.show": (Marks("announcement_reads", adds=True),),
    "announcements.mine": (Marks("member_notices", columns=("read_at",)),),
}


@dataclass
class Seen:
    """What the app did for one request, as Flask's signals tell it."""

    handset: Handset | None = None
    endpoint: str | None = None
    #: a form was shown again with a refusal in its error slot
    refused_form: bool = False
    templates: list[str] = field(default_factory=list)
    #: the exception a view or hook raised, as a traceback, or the error the app logged
    crash: str = ""


@contextmanager
def watching(app: Flask) -> Iterator[list[Seen]]:
    """Record what the app does for each request sent inside the block."""
    seen: list[Seen] = []

    def rendered(_sender: Any, template: Any, context: dict[str, Any], **_: Any) -> None:
        if not seen or seen[-1].handset is not None:
            seen.append(Seen())
        name = template.name or ""
        seen[-1].templates.append(name)
        if name in ERROR_SLOTS and context.get(ERROR_SLOTS[name]):
            seen[-1].refused_form = True

    def finished(_sender: Any, response: Any, **_: Any) -> None:
        if not seen or seen[-1].handset is not None:
            seen.append(Seen())
        seen[-1].handset = g.get("handset") or Handset()
        seen[-1].endpoint = request.endpoint

    class Crashes(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if not seen or seen[-1].handset is not None:
                seen.append(Seen())
            seen[-1].crash = "".join(traceback.format_exception(*record.exc_info)) \
                if record.exc_info else record.getMessage()

    crashes = Crashes(logging.ERROR)
    logging.getLogger("keitai").addHandler(crashes)
    template_rendered.connect(rendered, app)
    request_finished.connect(finished, app)
    try:
        yield seen
    finally:
        template_rendered.disconnect(rendered, app)
        request_finished.disconnect(finished, app)
        logging.getLogger("keitai").removeHandler(crashes)


def check_headers(response: TestResponse) -> None:
    """Assert no header carries a control character (a split header, a smuggled cookie)."""
    for name, value in response.headerlist:
        assert not re.search(r"[\x00-\x1f\x7f]", name + value), (name, value)


def check_page(handset: Handset, response: TestResponse) -> None:
    """Assert an HTML answer is what the handset reads: its type and charset, well-formed
    XML for XHTML markup, within its byte limit."""
    content_type = response.headers.get("Content-Type", "")
    if not content_type.startswith(_HTML):
        return
    markup = markup_for(handset)
    assert content_type == markup.content_type(handset.charset), content_type
    if 300 <= response.status_int < 400:
        return  # a handset follows a redirect without showing its body
    charset = handset.charset.lower()
    text = response.body.decode("cp932" if charset == "shift_jis" else charset)
    if handset.page_limit_bytes is not None:
        assert len(response.body) <= handset.page_limit_bytes, len(response.body)
    if markup.xml:
        try:
            minidom.parseString(re.sub(r"^<\?xml[^>]*\?>", "", text).encode("utf-8"))
        except ExpatError as error:
            raise AssertionError(f"not XML for {handset.model}: {error}\n{text}") from None


def refused(seen: Seen, response: TestResponse) -> bool:
    """Return True when the answer refuses the request: an error status, the login page
    for a visitor, or a form shown again with a refusal."""
    location = response.headers.get("Location", "")
    return (response.status_int >= 400 or seen.refused_form
            or urlsplit(location).path == "/login")


def changes(before: Dump, after: Dump) -> dict[str, tuple[set[Any], set[Any], set[str]]]:
    """Return, per table that changed: keys added, keys removed, columns changed."""
    found = {}
    for table, rows in after.items():
        old = before[table]
        added, removed = set(rows) - set(old), set(old) - set(rows)
        names = [c.name for c in Base.metadata.tables[table].columns]
        columns = {names[i] for key in set(rows) & set(old) if rows[key] != old[key]
                   for i, (a, b) in enumerate(zip(rows[key], old[key], strict=True)) if a != b}
        if added or removed or columns:
            found[table] = (added, removed, columns)
    return found


def check_writes(before: Dump, after: Dump, *, method: str, endpoint: str | None,
                 was_refused: bool, shows_post_form: bool, csrf_of_a_session: bool) -> None:
    """Assert the request wrote only what it may.

    A POST that is not refused may write anything, but only with the CSRF secret of a
    session (or a visitor's token). Anything else writes only its read marks (READ_MARKS) and
    (a POST to RATE_COUNTED) the counters that outlive a refusal: never a new session, not
    even for a page with a POST form (a visitor's forms carry a token stored nowhere).
    """
    found = changes(before, after)
    if method == "POST" and not was_refused:
        assert csrf_of_a_session or not found, f"a POST without a CSRF secret wrote {found}"
        return
    allowed = {marks.table: marks for marks in READ_MARKS.get(endpoint or "", ())}
    for table, (added, removed, columns) in found.items():
        if table == "rate_counters" and method == "POST" and endpoint in RATE_COUNTED:
            continue
        if table == "web_sessions":
            columns = columns - set(_SESSION_VOLATILE)
            if endpoint in ENDS_LEAKED_SESSIONS:
                removed = set()
            assert not removed and not columns, (table, removed, columns)
            assert not added, f"{len(added)} new sessions (a page with a POST form: " \
                f"{shows_post_form})"
            continue
        marks = allowed.get(table)
        assert marks is not None, f"{method} {endpoint} wrote {table}: {found[table]}"
        assert not removed and (marks.adds or not added), (table, added, removed)
        assert columns <= set(marks.columns), (table, columns)
