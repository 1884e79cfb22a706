"""Browsing scripts: one step per line, readable, recorded by the simulator and replayed.

    # sign up from an invitation
    handset docomo-N505i
    open /
    follow "ログイン"          # the link whose text is (or contains) ログイン
    key 5                      # the link on access key 5
    fill email=taro@docomo.ne.jp
    fill body="今日は晴れ ☀"
    submit                     # or: submit "送信" to press that button
    confirm yes                # answer the handset's utn question (send the serial)
    expect "ようこそ"          # expect-not "エラー" for the opposite
    back
    clear-session              # the handset's cookies and session forgotten: logged out
    mail-open-latest to=taro@docomo.ne.jp link=1

Arguments with spaces or quotes are written in double quotes with backslash escapes; a line
whose first character is # is a comment.
"""
from __future__ import annotations

import shlex
from dataclasses import dataclass, field

#: verb -> (fewest, most) positional arguments
VERBS: dict[str, tuple[int, int]] = {
    "handset": (1, 1), "open": (1, 1), "follow": (1, 1), "key": (1, 1), "fill": (1, 1),
    "submit": (0, 1), "confirm": (1, 1), "expect": (1, 1), "expect-not": (1, 1),
    "back": (0, 0), "clear-session": (0, 0), "mail-open-latest": (0, 0),
}
#: verbs whose argument is the rest of the line when it is not quoted
REST_OF_LINE = frozenset({"follow", "expect", "expect-not"})
#: verbs that take name=value options rather than positional arguments
OPTION_VERBS = {"mail-open-latest": ("to", "link")}


class ScriptError(ValueError):
    """A script line that is not a step."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line


@dataclass(frozen=True)
class Step:
    """One line of a script."""

    line: int
    verb: str
    args: tuple[str, ...] = ()
    options: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return format_step(self.verb, *self.args, **self.options)


def quote(text: str) -> str:
    """Return an argument as a script writes it: bare when safe, else in double quotes."""
    if text and not any(ch.isspace() or ch in "\"'\\#" for ch in text):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def format_step(verb: str, *args: str, **options: str) -> str:
    """Return the script line of a step."""
    words = [verb, *(quote(arg) for arg in args)]
    words += [f"{name}={quote(value)}" for name, value in options.items()]
    return " ".join(words)


def parse_line(text: str, line: int = 1) -> Step | None:
    """Return the step a line holds, None for blank and comment lines; raise ScriptError."""
    if not text.strip() or text.lstrip().startswith("#"):
        return None
    lexer = shlex.shlex(text, posix=True)
    lexer.whitespace_split = True
    lexer.commenters = ""
    lexer.escapedquotes = '"'
    lexer.quotes = '"'
    try:
        words = list(lexer)
    except ValueError as error:
        raise ScriptError(line, f"{error}: {text.strip()}") from None
    verb, args = words[0], words[1:]
    if verb not in VERBS:
        raise ScriptError(line, f"unknown step {verb!r} (known: {', '.join(VERBS)})")
    options: dict[str, str] = {}
    if verb in OPTION_VERBS:
        for word in args:
            name, equals, value = word.partition("=")
            if not equals or name not in OPTION_VERBS[verb]:
                raise ScriptError(line, f"{verb} takes {', '.join(OPTION_VERBS[verb])}=...")
            options[name] = value
        if "to" not in options:
            raise ScriptError(line, f"{verb} needs to=ADDRESS")
        args = []
    if verb in REST_OF_LINE and len(args) > 1:
        args = [" ".join(args)]
    fewest, most = VERBS[verb]
    if not fewest <= len(args) <= most:
        raise ScriptError(line, f"{verb} takes {fewest}-{most} arguments, got {len(args)}")
    if verb == "fill" and "=" not in args[0]:
        raise ScriptError(line, "fill takes name=value")
    if verb == "confirm" and args[0] not in ("yes", "no"):
        raise ScriptError(line, "confirm takes yes or no")
    return Step(line, verb, tuple(args), options)


def parse_script(text: str) -> list[Step]:
    """Return the steps of a script; raise ScriptError at the first bad line."""
    steps = (parse_line(line, number) for number, line in enumerate(text.splitlines(), 1))
    return [step for step in steps if step is not None]
