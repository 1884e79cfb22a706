"""Check this page: the compliance checker's rules on the page on the phone's screen."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, jsonify
from werkzeug.wrappers import Response

from simulator.browser import Page
from simulator.checker.findings import SEVERITIES, Finding, severity_rank
from simulator.checker.page import Redirect
from simulator.checker.rules import REGISTRY
from simulator.checker.run import check_response
from simulator.session import UnknownHandset
from simulator.state import Exchange
from simulator.transport import Transport
from simulator.ui import simulator

bp = Blueprint("check", __name__)


@bp.get("/api/<name>/check/<int:page_id>")
def check(name: str, page_id: int) -> Response:
    """Check a stored page of the handset (its images loaded from the site) and return the
    findings as JSON, worst first."""
    sim = simulator()
    try:
        page = sim.browser(name).page(page_id)
    except UnknownHandset:
        abort(404)
    if page is None:
        abort(404)
    findings = sorted(findings_on(page, sim.transport),
                      key=lambda f: (severity_rank(f.severity), f.rule))
    return jsonify(page=page.id, url=page.url, handset=name,
                   counts={s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES},
                   findings=[described(f) for f in findings])


def findings_on(page: Page, transport: Transport) -> list[Finding]:
    """Run every rule on a page as the handset received it."""
    exchange = page.exchange
    return check_response(page.profile, exchange.url, exchange.status,
                          exchange.response_headers, exchange.body, transport,
                          redirects=redirects_of(exchange))


def redirects_of(exchange: Exchange) -> list[Redirect]:
    """Return the redirects answered on the way to a page, each with where it led."""
    hops = [url for _status, url in exchange.redirects] + [exchange.url]
    return [Redirect(url, status, hops[index + 1])
            for index, (status, url) in enumerate(exchange.redirects)]


def described(finding: Finding) -> dict[str, Any]:
    """Return a finding with its rule's title, why it matters and how to fix it."""
    rule = REGISTRY.get(finding.rule)
    return {"rule": finding.rule, "severity": finding.severity, "message": finding.message,
            "excerpt": finding.excerpt, "title": rule.title if rule else finding.rule,
            "why": rule.why if rule else "", "fix": rule.fix if rule else ""}
