"""The search page: one form, and the results of what it asks, a page at a time."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import quote_from_bytes

from flask import g, render_template, request, url_for

import emoji_maps
from keitai.auth import member_required
from keitai.features.communities.categories import label_of
from keitai.features.profile.choices import GENDERS, PREFECTURES
from keitai.features.profile.filters import MemberFilters, parse_filters
from keitai.features.search import bp
from keitai.features.social import me_id, per_page, small_page
from keitai.keyset import Cursor, Slice
from keitai.models.base import utcnow
from keitai.search import highlight, results
from keitai.search.query import QUERY_MAX, BadQuery, Query, parse
from keitai.timefmt import JST, jst_time

#: what may be searched, in the form's order
KINDS = (("members", "メンバー"), ("communities", "コミュニティ"), ("diaries", "日記"),
         ("topics", "トピック"))
KIND_LABELS = dict(KINDS)
DEFAULT_KIND = "members"
#: characters of text shown around the first word found
SNIPPET, SMALL_SNIPPET = 50, 30


@dataclass(frozen=True)
class Hit:
    """One result as the page shows it: where it leads, its marked title, what it is."""

    url_endpoint: str
    url_args: dict[str, int]
    title: highlight.Segments
    about: str
    text: highlight.Segments


def _today() -> date:
    return utcnow().astimezone(JST).date()


def _hits(kind: str, page: Slice, forms: list[tuple[str, ...]]) -> list[Hit]:
    width = SMALL_SNIPPET if small_page() else SNIPPET
    hits: list[Hit] = []
    for row in page.rows:
        if kind == "members":
            hits.append(Hit("profile.show", {"member_id": row.id},
                            highlight.segments(row.nickname, forms), "",
                            highlight.snippet(row.introduction or "", forms, width)))
        elif kind == "communities":
            hits.append(Hit("communities.show", {"community_id": row.id},
                            highlight.segments(row.name, forms),
                            f"{label_of(row.category)} {row.member_count}人",
                            highlight.snippet(row.description, forms, width)))
        elif kind == "diaries":
            hits.append(Hit("diary.show", {"diary_id": row.id},
                            highlight.segments(row.title, forms),
                            f"{row.nickname} {jst_time(row.created_at)}",
                            highlight.snippet(row.body, forms, width)))
        else:
            endpoint, args = (("communities.event", {"event_id": row.id}) if row.kind == "event"
                              else ("communities.topic", {"topic_id": row.id}))
            hits.append(Hit(endpoint, args, highlight.segments(row.title, forms),
                            f"{row.community_name} {jst_time(row.created_at)}",
                            highlight.snippet(row.body, forms, width)))
    return hits


def _run(kind: str, query: Query | None, filters: MemberFilters, cursor: Cursor) -> Slice:
    me, size = me_id(), per_page()
    needles = query.needles if query is not None else []
    if kind == "members":
        return results.members(needles, me, filters, cursor, size, _today())
    if kind == "communities":
        return results.communities(needles, me, cursor, size)
    if kind == "diaries":
        return results.diaries(needles, me, cursor, size)
    return results.topics(needles, me, cursor, size)


@bp.get("/search")
@member_required
def index() -> str:
    """Show the search form; with a query (or, for members, a filter), its results."""
    args = request.args
    kind = args.get("kind", DEFAULT_KIND)
    if kind not in KIND_LABELS:
        kind = DEFAULT_KIND
    text = " ".join(args.get("q", "").split())
    filters, errors = parse_filters({  # the stable URL names the prefecture pref=
        "prefecture": args.get("pref", ""), "gender": args.get("gender", ""),
        "age_min": args.get("age_min", ""), "age_max": args.get("age_max", "")})
    asked = bool(text) or (kind == "members" and filters.any)
    context = {"q": text[:QUERY_MAX], "kind": kind, "kinds": KINDS, "filters": filters,
               "prefectures": PREFECTURES, "genders": GENDERS, "query_max": QUERY_MAX,
               "kind_label": KIND_LABELS[kind], "hits": None, "page": None, "message": ""}
    if not asked and "q" not in args:
        return render_template("search.html", **context)
    query: Query | None = None
    try:
        if errors:
            raise BadQuery(errors[0])
        if text or kind != "members" or not filters.any:
            query = parse(text)
    except BadQuery as error:
        context["message"] = error.message
        return render_template("search.html", **context)
    page = _run(kind, query, filters, Cursor.from_args(args))
    forms = [word.forms for word in query.words] if query else []
    context.update(hits=_hits(kind, page, forms), page=page,
                   pager_base=_pager_base(kind, text, filters))
    return render_template("search.html", **context)


def _typed(text: str) -> bytes:
    """Return text as this handset sends it (its charset, its emoji; ? for what it lacks)."""
    handset = g.handset
    return emoji_maps.encode(text, handset.carrier, handset.charset)


def _pager_base(kind: str, text: str, filters: MemberFilters) -> str:
    """Return the address of these results, to which a page link adds after= or before=.

    The words are written in the handset's charset, emoji as it sends them, as its own form
    would send them: the gateway reads every query string so (url_for would write UTF-8).
    """
    pairs: list[tuple[str, object]] = [("kind", kind)]
    if text:
        pairs.append(("q", text))
    if kind == "members":
        pairs += [(name, value) for name, value in (
            ("pref", filters.prefecture), ("gender", filters.gender),
            ("age_min", filters.age_min), ("age_max", filters.age_max)) if value is not None]
    query = "&".join(f"{name}={quote_from_bytes(_typed(str(value)), safe='')}"
                     for name, value in pairs)
    return f"{url_for('search.index')}?{query}"
