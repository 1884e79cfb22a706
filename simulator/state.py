"""The simulator's memory in one SQLite file: pages fetched, history, cookie jars, recording.

Every call opens its own connection, so the threaded UI server, the replayer and the HTTP
proxy can share the file; nothing lives only in a process's memory.
"""
from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: pages kept per profile; older ones (and their visits) are forgotten
PAGES_KEPT = 300
_SCHEMA = """
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS pages (
    id INTEGER PRIMARY KEY, profile TEXT NOT NULL, created REAL NOT NULL, method TEXT NOT NULL,
    url TEXT NOT NULL, request_headers TEXT NOT NULL, status INTEGER NOT NULL,
    reason TEXT NOT NULL, response_headers TEXT NOT NULL, body BLOB NOT NULL,
    redirects TEXT NOT NULL, sent TEXT);
CREATE TABLE IF NOT EXISTS visits (
    id INTEGER PRIMARY KEY, profile TEXT NOT NULL, page_id INTEGER NOT NULL,
    gone INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS cookies (profile TEXT PRIMARY KEY, jar TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS script (id INTEGER PRIMARY KEY, line TEXT NOT NULL);
"""
Headers = list[tuple[str, str]]
#: what a password field's value is shown as in the history and the raw view (never its length)
MASK = "********"


@dataclass(frozen=True)
class Sent:
    """A form as the tester sent it: the method and address it went to, and its fields (a
    password field's value masked before it is stored)."""

    method: str
    url: str
    fields: list[tuple[str, str]]

    def as_dict(self) -> dict[str, Any]:
        """Return the form as JSON-ready data."""
        return {"method": self.method, "url": self.url,
                "fields": [[name, value] for name, value in self.fields]}


@dataclass(frozen=True)
class Exchange:
    """One request as sent and the final response, after any redirects."""

    method: str
    url: str
    request_headers: Headers
    status: int
    reason: str
    response_headers: Headers
    body: bytes
    #: (status, URL) of each redirect followed on the way
    redirects: list[tuple[int, str]] = field(default_factory=list)
    id: int | None = None
    profile: str = ""
    created: float = 0.0
    #: the form that led to the page (None: a link, an address, a mail)
    sent: Sent | None = None


class State:
    """Read and write the simulator's SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._db() as db:
            db.executescript(_SCHEMA)
            columns = {row[1] for row in db.execute("PRAGMA table_info(pages)")}
            if "sent" not in columns:  # a state file from before forms were kept
                try:
                    db.execute("ALTER TABLE pages ADD COLUMN sent TEXT")
                except sqlite3.OperationalError:  # another process added it just now
                    pass

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        with closing(sqlite3.connect(self.path, timeout=30)) as db:
            db.execute("PRAGMA synchronous = OFF")  # a tester's scratch state: speed over safety
            with db:
                yield db

    def setting(self, key: str, default: str = "") -> str:
        """Return a stored setting."""
        with self._db() as db:
            row = db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else default

    def set_setting(self, key: str, value: str) -> None:
        """Store a setting."""
        with self._db() as db:
            db.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (key, value))

    def add_page(self, profile: str, page: Exchange) -> int:
        """Store a fetched page and make it the profile's current page; return its id."""
        with self._db() as db:
            cursor = db.execute(
                "INSERT INTO pages (profile, created, method, url, request_headers, status,"
                " reason, response_headers, body, redirects, sent)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (profile, time.time(), page.method, page.url, json.dumps(page.request_headers),
                 page.status, page.reason, json.dumps(page.response_headers), page.body,
                 json.dumps(page.redirects),
                 json.dumps(page.sent.as_dict()) if page.sent else None))
            page_id = int(cursor.lastrowid or 0)
            db.execute("INSERT INTO visits (profile, page_id) VALUES (?, ?)", (profile, page_id))
            db.execute("DELETE FROM pages WHERE profile = ? AND id <= ?",
                       (profile, page_id - PAGES_KEPT))
            db.execute("DELETE FROM visits WHERE profile = ? AND page_id <= ?",
                       (profile, page_id - PAGES_KEPT))
        return page_id

    def page(self, page_id: int) -> Exchange | None:
        """Return a stored page, or None when it was forgotten."""
        with self._db() as db:
            row = db.execute("SELECT id, profile, created, method, url, request_headers, status,"
                             " reason, response_headers, body, redirects, sent FROM pages"
                             " WHERE id = ?", (page_id,)).fetchone()
        if row is None:
            return None
        return Exchange(
            method=row[3], url=row[4], request_headers=_pairs(row[5]), status=row[6],
            reason=row[7], response_headers=_pairs(row[8]), body=bytes(row[9]),
            redirects=[(int(s), str(u)) for s, u in json.loads(row[10])], id=row[0],
            profile=row[1], created=row[2], sent=_sent(row[11]))

    def current(self, profile: str) -> int | None:
        """Return the id of the page the profile's screen shows, or None."""
        with self._db() as db:
            row = db.execute("SELECT page_id FROM visits WHERE profile = ? AND gone = 0"
                             " ORDER BY id DESC LIMIT 1", (profile,)).fetchone()
        return int(row[0]) if row else None

    def visit(self, profile: str, page_id: int) -> None:
        """Show an already stored page again (from the history list)."""
        with self._db() as db:
            db.execute("INSERT INTO visits (profile, page_id) VALUES (?, ?)", (profile, page_id))

    def back(self, profile: str) -> int | None:
        """Leave the current page and return the one before it (None at the first page)."""
        with self._db() as db:
            rows = db.execute("SELECT id, page_id FROM visits WHERE profile = ? AND gone = 0"
                              " ORDER BY id DESC LIMIT 2", (profile,)).fetchall()
            if len(rows) < 2:
                return None
            db.execute("UPDATE visits SET gone = 1 WHERE id = ?", (rows[0][0],))
        return int(rows[1][1])

    def history(self, profile: str, limit: int = 30) -> list[dict[str, Any]]:
        """Return the profile's visits, newest first: page id, method, URL, status, and the
        form sent (sent: method, URL, fields; None for a page reached by a link)."""
        with self._db() as db:
            rows = db.execute(
                "SELECT v.page_id, p.method, p.url, p.status, v.gone, p.sent FROM visits v"
                " JOIN pages p ON p.id = v.page_id WHERE v.profile = ? ORDER BY v.id DESC"
                " LIMIT ?", (profile, limit)).fetchall()
        return [{"page": r[0], "method": r[1], "url": r[2], "status": r[3], "gone": bool(r[4]),
                 "sent": json.loads(r[5]) if r[5] else None} for r in rows]

    def forget(self, profile: str) -> None:
        """Forget a profile's pages and visits (their links may carry its session)."""
        with self._db() as db:
            db.execute("DELETE FROM visits WHERE profile = ?", (profile,))
            db.execute("DELETE FROM pages WHERE profile = ?", (profile,))

    def cookie_jar(self, profile: str) -> list[dict[str, Any]]:
        """Return the cookies kept for a profile, as plain dicts."""
        with self._db() as db:
            row = db.execute("SELECT jar FROM cookies WHERE profile = ?", (profile,)).fetchone()
        found: list[dict[str, Any]] = json.loads(row[0]) if row else []
        return found

    def set_cookie_jar(self, profile: str, cookies: list[dict[str, Any]]) -> None:
        """Replace the cookies kept for a profile."""
        with self._db() as db:
            db.execute("INSERT OR REPLACE INTO cookies VALUES (?, ?)",
                       (profile, json.dumps(cookies)))

    def script(self) -> list[str]:
        """Return the recorded script lines."""
        with self._db() as db:
            return [str(r[0]) for r in db.execute("SELECT line FROM script ORDER BY id")]

    def append_script(self, line: str) -> None:
        """Add one line to the recorded script."""
        with self._db() as db:
            db.execute("INSERT INTO script (line) VALUES (?)", (line,))

    def set_script(self, lines: list[str]) -> None:
        """Replace the recorded script."""
        with self._db() as db:
            db.execute("DELETE FROM script")
            db.executemany("INSERT INTO script (line) VALUES (?)", [(line,) for line in lines])


def _pairs(text: str) -> Headers:
    return [(str(name), str(value)) for name, value in json.loads(text)]


def _sent(text: str | None) -> Sent | None:
    if not text:
        return None
    data = json.loads(text)
    return Sent(str(data["method"]), str(data["url"]),
                [(str(name), str(value)) for name, value in data["fields"]])
