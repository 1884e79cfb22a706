"""/handset: what the site detected about the handset in hand, for testers and support, in
Japanese; /handset/headers: the request headers it sent, without its secrets."""
from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit, urlunsplit

from flask import Blueprint, g, render_template, request

from carriers import Handset
from carriers.labels import charset_name, id_name, kind_name, markup_name
from keitai.gateway import sessions

bp = Blueprint("handset_info", __name__)

#: what the page calls each thing it reports (the screen's characters and colours come from
#: Handset.extras, labelled by carriers.facts)
LABELS = {
    "kind": "端末の種類", "model": "機種", "browser": "ブラウザ", "screen": "画面の大きさ",
    "color": "画面の色", "limit": "ページ上限", "cache": "キャッシュ容量",
    "charset": "文字コード", "markup": "マークアップ", "cookies": "クッキー",
    "crawler": "検索エンジンのクローラ", "gateway": "ゲートウェイ経由", "address": "接続元",
}
UNKNOWN = "不明"
#: headers never shown: they carry the session, the pre-session cookie or credentials
HIDDEN_HEADERS = frozenset({"cookie", "authorization", "proxy-authorization"})
#: headers whose query is left out: the address of one of our pages may carry the session
WITHOUT_QUERY = frozenset({"referer", "origin"})
#: the most headers listed, and characters of a value shown (a page must stay small)
MOST_HEADERS = 40
MOST_VALUE_CHARS = 256
#: what stands for a secret found in a header's value
WITHHELD = "(表示しません)"


def mask(value: str) -> str:
    """Show enough of a terminal id to recognise it, not enough to reuse it."""
    if len(value) <= 4:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 5) + value[-2:]


def facts(handset: Handset, address: str | None) -> list[tuple[str, str]]:
    """Return the (label, value) lines of what the site knows about the handset."""
    screen = f"{handset.screen[0]}×{handset.screen[1]}ピクセル" if handset.screen else UNKNOWN
    limit = handset.page_limit_bytes
    lines = [
        (LABELS["kind"], kind_name(handset)),
        (LABELS["model"], handset.model or UNKNOWN),
        (LABELS["browser"], handset.browser or UNKNOWN),
        (LABELS["screen"], screen),
        *handset.extras,
        (LABELS["color"], "カラー" if handset.color else "モノクロ"),
        (LABELS["limit"], f"{limit}バイト" if limit else "なし"),
        (LABELS["cache"], f"{handset.cache_kb}KB" if handset.cache_kb else UNKNOWN),
        (LABELS["charset"], charset_name(handset)),
        (LABELS["markup"], markup_name(handset)),
        (LABELS["cookies"], "使える" if handset.cookies else "使えない"),
        (LABELS["crawler"], "はい" if handset.crawler else "いいえ"),
        (LABELS["gateway"], "はい" if handset.from_gateway else "いいえ"),
        (LABELS["address"], address or UNKNOWN),
    ]
    return lines


@bp.get("/handset")
def show() -> str:
    """Show the detected kind, model, screen, limits, cookies and terminal ids."""
    sample = request.args.get("sample", "")
    ids = [(id_name(kind), mask(value)) for kind, value in g.handset.terminal_ids.items()]
    code_points = " ".join(f"U+{ord(ch):04X}" for ch in sample[:40])
    return render_template("handset.html", facts=facts(g.handset, g.get("client_address")),
                           ids=ids, sample=sample, code_points=code_points)


@bp.get("/handset/headers")
def headers() -> str:
    """List the request headers the handset sent, its secrets left out."""
    return render_template("handset_headers.html",
                           headers=shown_headers(request.headers.items(), _secrets()))


def _secrets() -> dict[str, str]:
    """Return what must not appear in a header's value, with what stands for it."""
    found = {value: mask(value) for value in g.handset.terminal_ids.values()}
    for token in (g.session.token, request.args.get(sessions.TOKEN_NAME),
                  request.cookies.get(sessions.TOKEN_NAME),
                  request.cookies.get(sessions.PRE_COOKIE)):
        if token:
            found[token] = WITHHELD
    return found


def shown_headers(items: Iterable[tuple[str, str]],
                  secrets: dict[str, str]) -> list[tuple[str, str]]:
    """Return the headers to show, by name: none that carries a cookie or credentials, no
    query of an address, terminal ids masked and session tokens withheld wherever they
    appear, each value clipped."""
    shown = []
    for name, value in items:
        lowered = name.lower()
        if lowered in HIDDEN_HEADERS:
            continue
        if lowered in WITHOUT_QUERY:
            value = _without_query(value)
        for secret, instead in secrets.items():
            value = value.replace(secret, instead)
        shown.append((name, value[:MOST_VALUE_CHARS]))
    return sorted(shown)[:MOST_HEADERS]


def _without_query(address: str) -> str:
    """Return an address without its query and fragment."""
    try:
        parts = urlsplit(address)
    except ValueError:
        return WITHHELD
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
