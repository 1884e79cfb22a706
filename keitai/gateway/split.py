"""Split a rendered page that is over the handset's byte limit into numbered pages.

The content between BODY_START and BODY_END is cut into chunks; every page repeats what lies
outside the markers and carries ``nav(index, count)`` at the end of its content. Rules:

- A cut falls between units: a tag, a comment, a character reference, a whole ``<form>``,
  ``<textarea>``, ``<select>``, ``<script>`` or ``<style>`` element, or a run of text ending at
  a break. A text run is cut inside only at a character boundary that keeps surrogate pairs,
  combining marks, variation selectors, keycaps, ZWJ sequences and flags together.
- Elements open at a cut are closed at the end of the chunk and reopened, with their original
  start tags, at the start of the next one. No cut falls right after a start tag or right
  before an end tag, so no chunk gains an empty element.
- Break kinds, best first: between block elements at the top of the content, between nested
  block elements, after ``<br />``, after 。！？ or a newline, after a space or 、, anywhere.
  A page ends at the best kind of break that leaves it at least MIN_FILL full (the latest
  such break); without one, it is filled to the last character that fits.
- PageTooSmall is raised when the header, footer and navigation leave no room, or when one
  unit (say a form) cannot fit on a page of its own; the caller shows an error instead.
"""
from __future__ import annotations

import html
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from itertools import accumulate, compress, repeat
from operator import itemgetter

__all__ = ["BODY_END", "BODY_START", "MIN_FILL", "PageTooSmall", "split_page"]

BODY_START = "<!--k:body-->"
BODY_END = "<!--/k:body-->"

#: a better kind of break ends a page only if the page is at least this full (share of its room)
MIN_FILL = 0.75

_TEXT, _OPEN, _CLOSE, _ATOM = range(4)
_TOP_BLOCK, _BLOCK, _LINE, _SENTENCE, _SPACE, _CHAR = range(6)

_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_WHOLE = frozenset("form textarea select script style".split())
_BLOCKS = frozenset(
    "address article aside blockquote center dd dir div dl dt fieldset footer form h1 h2 h3 h4"
    " h5 h6 header hr li menu nav ol p pre section table tbody tfoot thead tr ul".split()
)

_BREAKS = "。！？｡\r\n 、､\u3000,，"
_TOKEN = re.compile(  # no capturing groups: findall returns the units themselves
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>"
    r"|</?[A-Za-z][A-Za-z0-9:-]*(?:[^>\"']|\"[^\"]*\"|'[^']*')*>"
    r"|&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});"
    rf"|[^<&{_BREAKS}]*(?:[。！？｡]+[」』）)］〕｣]*|[\r\n]+|[ 、､\u3000,，]+)|[^<&{_BREAKS}]+|[<&]",
    re.S,
)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)")
_WHOLE_START = re.compile(r"<(?:form|textarea|select|script|style)\b", re.I)
_KIND_BY_FIRST = {"<": _ATOM, "&": _ATOM}  # tags, comments, references (or a lone < or &)
#: rank of a cut after a text unit, by its last character
_AFTER_TEXT = dict.fromkeys("。！？｡」』）)］〕｣\r\n", _SENTENCE)
_AFTER_TEXT.update(dict.fromkeys(" 、､\u3000,，", _SPACE))
# Characters that belong to the character before them, so no cut may precede them.
_EXTEND = (
    "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u200d\u20d0-\u20ff\u3099\u309a\ufe00-\ufe0f"
    "\ufe20-\ufe2f\uff9e\uff9f\udc00-\udfff\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f"
    "\U000e0100-\U000e01ef"
)
_RI = "\U0001f1e6-\U0001f1ff"
_EXTENDER = re.compile(rf"[{_EXTEND}]")
# Where a unit may start or end (after a tag, reference or break; before a tag or reference),
# characters that join the one before them, and characters that join the one after them.
_JOIN_BEFORE = re.compile(rf"[>;{_BREAKS}][{_EXTEND}]")
_JOIN_AFTER = re.compile(rf"[\u200d\ud800-\udbff{_RI}](?=[<&])")
_JOINS = re.compile(rf"[{_EXTEND}{_RI}\ud800-\udbff]")  # shown by a reference that joins


class PageTooSmall(ValueError):
    """The limit leaves no room for the content: header, footer and nav, or one whole unit."""


def split_page(
    page: str,
    limit: int,
    measure: Callable[[str], int],
    nav: Callable[[int, int], str],
) -> list[str]:
    """Split a rendered page into pages whose measured size is each within limit."""
    if measure(page) <= limit:
        return [page]
    if page.count(BODY_START) != 1 or page.count(BODY_END) != 1:
        raise ValueError("a page over the limit needs exactly one body region to split")
    start = page.index(BODY_START) + len(BODY_START)
    end = page.index(BODY_END)
    if end < start:
        raise ValueError("the body region ends before it starts")
    prefix, suffix = page[:start], page[end:]
    frame = measure(prefix + suffix)
    navs = _NavSizes(nav, measure)
    if frame + navs.reserve(2) >= limit:
        raise PageTooSmall(f"header, footer and navigation alone fill the {limit} byte page")
    content = _Content(page[start:end], measure)
    guess = max(2, -(-content.total // (limit - frame - navs.reserve(2))))
    reserve, slack = navs.reserve(guess), 0
    while True:
        room = limit - frame - reserve - slack
        if room <= 0:
            raise PageTooSmall(f"navigation leaves no room on a {limit} byte page")
        chunks = content.pack(room)
        need = navs.reserve(len(chunks))
        if need > reserve:  # more pages than guessed and a wider nav: pack again
            reserve = need
            continue
        pages = [prefix + chunk + navs.html(i, len(chunks)) + suffix
                 for i, chunk in enumerate(chunks)]
        over = max(measure(p) for p in pages) - limit
        if over <= 0:
            return pages
        slack = max(slack + over, 2 * slack)


class _NavSizes:
    """Measure navigation once per (index, count) and estimate the widest for a count."""

    def __init__(self, nav: Callable[[int, int], str], measure: Callable[[str], int]) -> None:
        self._nav, self._measure = nav, measure
        self._html: dict[tuple[int, int], str] = {}
        self._size: dict[tuple[int, int], int] = {}

    def html(self, index: int, count: int) -> str:
        """Return the navigation HTML for one page."""
        key = (index, count)
        if key not in self._html:
            self._html[key] = self._nav(index, count)
        return self._html[key]

    def reserve(self, count: int) -> int:
        """Return the largest nav size among the first, second, middle and last pages."""
        sizes = []
        for index in {0, 1, count // 2, count - 2, count - 1} & set(range(count)):
            key = (index, count)
            if key not in self._size:
                self._size[key] = self._measure(self.html(index, count))
            sizes.append(self._size[key])
        return max(sizes)


class _Content:
    """The body region as units with sizes, the open elements at each cut, and break ranks."""

    def __init__(self, region: str, measure: Callable[[str], int]) -> None:
        self._measure = measure
        texts = _TOKEN.findall(region)
        if _WHOLE_START.search(region):
            texts = _merge_whole(texts)
        self._texts, n = texts, len(texts)
        unique = set(texts)
        self._sizes = dict(zip(unique, map(measure, unique), strict=True))
        self._sizes_of = list(map(self._sizes.__getitem__, texts))
        self._prefix = [0, *accumulate(self._sizes_of)]
        self.total = self._prefix[-1]
        firsts = list(map(itemgetter(0), texts))
        self._kinds = list(map(_KIND_BY_FIRST.get, firsts, repeat(_TEXT)))
        #: rank of the cut before unit q (so after unit q - 1); None forbids it
        self._rank: list[int | None] = [
            None, *map(_AFTER_TEXT.get, map(itemgetter(-1), texts), repeat(_CHAR))
        ]
        self._top = [-1] * (n + 1)  #: innermost open element at the cut before unit q
        self._parent: dict[int, int] = {}
        self._closer: dict[int, str] = {}
        # One slot more than units: element -1 (none open) reads the trailing 0.
        self._open_cost = [0] * (n + 1)
        self._close_cost = [0] * (n + 1)
        self._read_tags(list(compress(range(n), map("<".__eq__, firsts))))
        self._forbid_joins(region, unique)

    def _size(self, text: str) -> int:
        """Return the measured size of a piece, measuring each distinct piece once."""
        size = self._sizes.get(text)
        if size is None:
            size = self._sizes[text] = self._measure(text)
        return size

    def _read_tags(self, tags: list[int]) -> None:
        """Track open elements through the tags and rank the cuts around each tag."""
        texts, kinds, rank, top = self._texts, self._kinds, self._rank, self._top
        opened, closing = self._open_cost, self._close_cost
        stack: list[tuple[str, int]] = []
        mark = 0
        for i in tags:
            if texts[i] == "<br />":  # the commonest tag by far
                rank[i + 1] = _LINE
                continue
            tag = _TAG.match(texts[i])
            name = tag[2].lower() if tag else ""
            block = _TOP_BLOCK if not stack else _BLOCK
            before = rank[i]
            if name in _BLOCKS and not (tag and tag[1]) and before is not None:
                rank[i] = min(before, block)  # the cut before a block element
            if not tag or name in _VOID or texts[i].endswith("/>") or name in _WHOLE:
                rank[i + 1] = block if name in _BLOCKS else _LINE if name == "br" else _CHAR
                continue
            top[mark:i + 1] = [top[mark]] * (i + 1 - mark)
            if not tag[1]:
                kinds[i], up = _OPEN, stack[-1][1] if stack else -1
                self._parent[i], self._closer[i] = up, f"</{name}>"
                opened[i] = self._sizes_of[i] + opened[up]
                closing[i] = self._size(self._closer[i]) + closing[up]
                stack.append((name, i))
                rank[i + 1] = None  # never leave an element empty at the end of a chunk
            else:
                match = next((j for j in range(len(stack) - 1, -1, -1) if stack[j][0] == name), -1)
                inherited = rank[i] if rank[i] is not None and i else _CHAR
                if match >= 0:
                    kinds[i] = _CLOSE
                    del stack[match:]
                    rank[i] = None  # costs what the cut after it does, and would leave <p></p>
                after = (_TOP_BLOCK if not stack else _BLOCK) if name in _BLOCKS else inherited
                rank[i + 1] = after  # an inline end tag is as good a cut as the one before it
            mark = i + 1
            top[mark] = stack[-1][1] if stack else -1
        top[mark:] = [top[mark]] * (len(top) - mark)

    def _forbid_joins(self, region: str, unique: set[str]) -> None:
        """Forbid cuts inside surrogate pairs, emoji sequences and combined characters."""
        rank = self._rank
        offsets = [m.start() + 1 for m in _JOIN_BEFORE.finditer(region)]
        offsets += [m.end() for m in _JOIN_AFTER.finditer(region)]
        if offsets:
            starts = list(accumulate(map(len, self._texts), initial=0))
            for offset in offsets:
                q = bisect_left(starts, offset)
                if q < len(starts) and starts[q] == offset:
                    rank[q] = None
        joining = {t for t in unique if t[0] == "&" and _JOINS.search(html.unescape(t))}
        if joining:  # a reference such as &#x20e3; joins whatever stands on either side
            for q, text in enumerate(self._texts):
                if text in joining:
                    rank[q] = rank[q + 1] = None

    def _reopen(self, element: int) -> str:
        """Return the start tags of element and the elements around it, outermost first."""
        chain = []
        while element >= 0:
            chain.append(self._texts[element])
            element = self._parent[element]
        return "".join(reversed(chain))

    def _close(self, element: int) -> str:
        """Return the end tags of element and the elements around it, innermost first."""
        chain = []
        while element >= 0:
            chain.append(self._closer[element])
            element = self._parent[element]
        return "".join(chain)

    def pack(self, room: int) -> list[str]:
        """Cut the content into chunks that each measure at most room bytes, tags balanced."""
        texts, rank, top, prefix = self._texts, self._rank, self._top, self._prefix
        opened, closing = self._open_cost, self._close_cost
        n, floor = len(texts), room * MIN_FILL
        if not n:
            return [""]
        chunks: list[str] = []
        p, head, head_size = 0, texts[0], self._sizes_of[0]
        while True:
            offset = opened[top[p]] + head_size - prefix[p + 1]  # cost(q) = offset + prefix[q]
            q = max(p + 1, bisect_right(prefix, room - offset, p + 1) - 1)  # + closing tags
            while q > p and offset + prefix[q] + closing[top[q]] > room:
                q -= 1
            if q == n:
                chunks.append(self._chunk(p, head, n, ""))
                return chunks
            fit, latest, best = q, 0, [0] * 6
            while q > p:  # walk back from the fullest cut, looking for a better kind of break
                r, cost = rank[q], offset + prefix[q] + closing[top[q]]
                if r is not None and cost <= room:
                    latest = latest or q
                    if cost < floor:
                        break
                    best[r] = best[r] or q
                    if r == _TOP_BLOCK:
                        break
                q -= 1
            cut, tail, rest, taken = next((pos for pos in best[:_CHAR] if pos), 0), "", "", 0
            if not cut:  # no good break: fill the page up to the last character that fits
                used = offset + prefix[fit] if fit > p else opened[top[p]]
                text, size = (head, head_size) if fit == p else (texts[fit], self._sizes_of[fit])
                tail, rest, taken = self._fit_inside(fit, text, size,
                                                     room - used - closing[top[fit]])
                cut = fit if tail else best[_CHAR] or latest
            if not cut:
                unit = head if fit == p else texts[fit]
                raise PageTooSmall(f"{room} bytes cannot hold {unit[:60]!r} in its elements")
            chunks.append(self._chunk(p, head, cut, tail))
            p = cut
            head = rest if tail else texts[p]
            head_size = self._sizes_of[p]
            if tail:  # measure the rest only if it may fit: pieces never measure below the whole
                head_size = size - taken if size - taken > room else self._size(rest)

    def _fit_inside(self, unit: int, text: str, size: int, avail: int) -> tuple[str, str, int]:
        """Return the longest head of a text unit within avail bytes, the rest, the head's size."""
        if self._kinds[unit] != _TEXT or avail <= 0:
            return "", "", 0
        low, high, taken = 0, len(text) - 1, 0  # a proper prefix: the whole did not fit
        # Gallop from the length the text's average bytes per character suggest, so a long
        # text costs a few measures of about a page each.
        probe = 5 * len(text) * avail // max(4 * size, 1) + 16
        while probe < high:
            measured = self._measure(text[:probe])
            if measured > avail:
                high = probe - 1
                break
            low, taken, probe = probe, measured, 2 * probe
        while low < high:
            mid = (low + high + 1) // 2
            measured = self._measure(text[:mid])
            if measured <= avail:
                low, taken = mid, measured
            else:
                high = mid - 1
        cut = _boundary_before(text, low)
        while cut and cut < low and (taken := self._measure(text[:cut])) > avail:
            cut = _boundary_before(text, cut - 1)  # a whole sequence measured more than part
        if not cut:
            return "", "", 0
        return text[:cut], text[cut:], taken

    def _chunk(self, p: int, head: str, cut: int, tail: str) -> str:
        """Return units p (shown as head) to cut, then tail, inside their open elements."""
        body = (head, *self._texts[p + 1:cut]) if cut > p else ()
        return "".join((self._reopen(self._top[p]), *body, tail, self._close(self._top[cut])))


def _merge_whole(texts: list[str]) -> list[str]:
    """Join each form, textarea, select, script and style element into one unit."""
    merged: list[str] = []
    name, depth, start = "", 0, 0
    for i, text in enumerate(texts):
        tag = _TAG.match(text)
        tag_name = tag[2].lower() if tag else ""
        if not name:
            if tag and tag_name in _WHOLE and not tag[1] and not text.endswith("/>"):
                name, depth, start = tag_name, 1, i
            else:
                merged.append(text)
        elif tag and tag_name == name and not text.endswith("/>"):
            depth += -1 if tag[1] else 1
            if not depth:
                merged.append("".join(texts[start:i + 1]))
                name = ""
    return merged + texts[start:] if name else merged  # never closed: keep it as it was


def _boundary_before(text: str, index: int) -> int:
    """Return the last character boundary at or before index that splits no sequence."""
    while 0 < index < len(text):
        char, before = text[index], text[index - 1]
        if before == "\r" and char == "\n":
            pass
        elif _EXTENDER.match(char) or before == "\u200d" or "\ud800" <= before <= "\udbff":
            pass  # a mark, selector, keycap or joiner, the char after a ZWJ, a surrogate pair
        elif _is_regional(char) and _is_regional(before):
            run = index - 1
            while run > 0 and _is_regional(text[run - 1]):
                run -= 1
            if not (index - run) % 2:
                return index  # between two flags
        else:
            return index
        index -= 1
    return max(index, 0)


def _is_regional(char: str) -> bool:
    """Tell whether a character is a regional indicator, half of a flag."""
    return "\U0001f1e6" <= char <= "\U0001f1ff"
