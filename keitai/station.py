"""`keitai-station`: tell the site what a player is playing (POST /api/plays).

    keitai-station --site URL [--token T] ARTIST TITLE [--album A] [--played-at ISO]
    some-player --now-playing | keitai-station --site URL --stdin

The token is the one 設定 > ミュージック issues (or KEITAI_STATION_TOKEN). With --stdin each
line "artist<TAB>title[<TAB>album]" is a play played when the line is read, so a player's
now-playing hook can pipe into it. It prints what the site answered, one line per play, and
exits 0 when every play was accepted (recorded now or before), 1 when one was refused, 2 on a
usage error. Standard library only: it runs wherever Python does.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.error
import urllib.request
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any, TextIO

#: the environment variable the token may come from (keeps it out of the process list)
TOKEN_ENV = "KEITAI_STATION_TOKEN"
USER_AGENT = "keitai-station/1.0"
TIMEOUT_SECONDS = 15


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(
        prog="keitai-station", description="Tell the site what your player is playing.")
    parser.add_argument("--site", required=True, help="the site's address, e.g. "
                        "https://keitai.example")
    parser.add_argument("--token", help=f"the player token (default: ${TOKEN_ENV})")
    parser.add_argument("--stdin", action="store_true",
                        help="read plays from standard input: artist<TAB>title[<TAB>album]")
    parser.add_argument("--album", help="the album of the play")
    parser.add_argument("--played-at", help="when it was played, ISO 8601 with an offset "
                        "(default: now)")
    parser.add_argument("artist", nargs="?")
    parser.add_argument("title", nargs="?")
    args = parser.parse_args(argv)
    args.token = args.token or os.environ.get(TOKEN_ENV, "")
    if not args.token:
        parser.error(f"no token: give --token or set {TOKEN_ENV}")
    if args.stdin == bool(args.artist or args.title):
        parser.error("give ARTIST and TITLE, or --stdin (not both)")
    if not args.stdin and not (args.artist and args.title):
        parser.error("give both ARTIST and TITLE")
    return args


def now_iso() -> str:
    """Return the time now, with this machine's offset, to the second."""
    return datetime.now().astimezone().replace(microsecond=0).isoformat()


def submit(site: str, token: str, play: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    """POST one play; return the status and the JSON the site answered."""
    request = urllib.request.Request(
        site.rstrip("/") + "/api/plays", data=json.dumps(play).encode("utf-8"), method="POST",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json",
                 "User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            return response.status, _json(response.read())
    except urllib.error.HTTPError as error:
        answer = _json(error.read())
        if error.headers.get("Retry-After"):
            answer.setdefault("retry_after", error.headers["Retry-After"])
        return error.code, answer


def _json(body: bytes) -> dict[str, Any]:
    try:
        found = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return {"message": body[:200].decode("utf-8", "replace")}
    return found if isinstance(found, dict) else {"answer": found}


def report(play: dict[str, Any], status: int, answer: dict[str, Any], out: TextIO) -> bool:
    """Print one line about a play; return whether the site accepted it."""
    what = f"{play['artist']} - {play['title']}"
    if status in (200, 201):
        word = "recorded" if status == 201 else "already recorded"
        print(f"{status} {word}: {what} ({play['played_at']})", file=out)
        return True
    detail = answer.get("message") or answer.get("error") or ""
    field = f" [{answer['field']}]" if answer.get("field") else ""
    retry = f" (retry after {answer['retry_after']} s)" if answer.get("retry_after") else ""
    print(f"{status} refused: {what}{field}: {detail}{retry}", file=out)
    return False


def _stdin_plays(lines: TextIO) -> Any:
    """Yield a play per line read, each played when read (one second after the last at
    least, so two lines read at once are two plays)."""
    last: datetime | None = None
    for line in lines:
        fields = [field.strip() for field in line.rstrip("\r\n").split("\t")]
        if len(fields) < 2 or not fields[0] or not fields[1]:
            if line.strip():
                print(f"skipped (need artist<TAB>title): {line.strip()}", file=sys.stderr)
            continue
        at = datetime.now().astimezone().replace(microsecond=0)
        if last is not None and at <= last:
            at = last + timedelta(seconds=1)
        last = at
        play = {"artist": fields[0], "title": fields[1], "played_at": at.isoformat()}
        if len(fields) > 2 and fields[2]:
            play["album"] = fields[2]
        yield play


def main(argv: Sequence[str] | None = None, stdin: TextIO | None = None,
         out: TextIO | None = None) -> int:
    """Submit the plays the command line (or standard input) names; return the exit status."""
    try:
        args = parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    out = out or sys.stdout
    if args.stdin:
        plays = _stdin_plays(stdin or sys.stdin)
    else:
        one = {"artist": args.artist, "title": args.title,
               "played_at": args.played_at or now_iso()}
        if args.album:
            one["album"] = args.album
        plays = iter([one])
    accepted = True
    for play in plays:
        try:
            status, answer = submit(args.site, args.token, play)
        except (urllib.error.URLError, OSError) as error:
            print(f"cannot reach {args.site}: {error}", file=out)
            return 1
        accepted = report(play, status, answer, out) and accepted
    return 0 if accepted else 1


if __name__ == "__main__":
    sys.exit(main())
