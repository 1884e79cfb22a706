"""Gateway cost: a 2 KB Japanese page with 20 emoji, through the whole app, hooks on and off."""
from __future__ import annotations

import io
import os
import tempfile
import time
from collections.abc import Callable

from flask import Flask, render_template, render_template_string
from jinja2 import ChoiceLoader, DictLoader

os.environ.setdefault("KEITAI_SECRET_KEY", "benchmark")

from keitai import create_app, migrations  # noqa: E402

HANDSETS = {
    "docomo P903i": ("DoCoMo/2.0 P903i(c100;TB;W24H12)", {}),
    "docomo N505i (no cookies, session in URL)": ("DoCoMo/1.0/N505i/c20/TB/W24H12", {}),
    "au W53CA": ("KDDI-CA39 UP.Browser/6.2.0.13.1.5 (GUI) MMP/2.0",
                 {"HTTP_X_UP_SUBNO": "05001234567890_ab.ezweb.ne.jp",
                  "HTTP_X_UP_DEVCAP_MAX_PDU": "131072"}),
    "SoftBank 930SH": ("SoftBank/1.0/930SH/SHJ001/SN000000000000000 Browser/NetFront/3.4 "
                       "Profile/MIDP-2.0 Configuration/CLDC-1.1", {}),
    "J-PHONE V602T": ("J-PHONE/4.3/V602T/SN000000000000000 TS/2.00 Profile/MIDP-1.0 "
                      "Configuration/CLDC-1.0 Ext-Profile/JSCL-1.2.2", {}),
    "PC": ("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", {}),
}
#: what the gateway may add to a request, and what its own steps may cost, in microseconds
HOOKS_GOAL_US = 80
LAYER_GOAL_US = 40
EMOJI = "☀☁☂⛄⚡🌀🌁🌂🌃🌄🌅🌆🌇🌈❄⛅🌉🌊🌋🌌"
PAGE = """{% extends "base.html" %}
{% block content %}{% for line in lines %}<div>{{ line }}</div>
{% endfor %}{{ m.menu_item("/handset", "端末情報", "9") }}
<a href="http://example.com/">外部リンク</a>{% endblock %}"""


def page_lines() -> list[str]:
    """Return about 2 KB of Japanese diary text holding 20 emoji."""
    sentence = "今日は友だちと渋谷で買い物をしてから、カフェでのんびり話しました。"
    return [f"{sentence}{EMOJI[i]}" for i in range(20)]


def build_app(hooks: bool, url: str) -> Flask:
    """Build the app with or without the gateway hooks, plus the benchmark page."""
    app = create_app({"DATABASE_URL": url, "GATEWAY_HOOKS": hooks})
    lines = page_lines()
    # a named template is compiled once, as the site's own pages are
    site_loader = app.jinja_env.loader
    assert site_loader is not None
    app.jinja_env.loader = ChoiceLoader([DictLoader({"bench.html": PAGE}), site_loader])
    app.add_url_rule("/bench", "bench", lambda: render_template("bench.html", lines=lines))
    return app


def client_for(app: Flask, agent: str, extra: dict[str, str]) -> Callable[[], bytes]:
    """Return a call that requests the benchmark page as one handset, the way a WSGI server
    does: a fresh environ for each request, the app called, its body read and closed (a test
    client would add its own work on each response, more for each header)."""
    with app.test_request_context("/bench", environ_base={
            "HTTP_USER_AGENT": agent, "REMOTE_ADDR": "210.153.84.10", **extra}) as made:
        template = dict(made.request.environ)
    for name in ("werkzeug.request", "werkzeug.debug.preserve_context"):
        template.pop(name, None)

    status: list[str] = []

    def start_response(line: str, headers: list[tuple[str, str]],
                       exc_info: object = None) -> Callable[[bytes], object]:
        status.append(line)
        return lambda _chunk: None

    def get() -> bytes:
        environ = template.copy()
        environ["wsgi.input"] = io.BytesIO(b"")
        status.clear()
        body = app.wsgi_app(environ, start_response)
        try:
            data = b"".join(body)
        finally:  # what a server does with the body when it is sent (Flask's has close())
            getattr(body, "close", lambda: None)()
        if not status or not status[0].startswith("200"):
            raise RuntimeError(f"the benchmark page answered {status}")
        return data

    return get


def per_request(get: Callable[[], bytes], n: int) -> float:
    """Return microseconds per request over n requests."""
    start = time.perf_counter()
    for _ in range(n):
        get()
    return (time.perf_counter() - start) / n * 1e6


def timed(fn: Callable[[], object], n: int) -> float:
    """Return the best microseconds per call of fn over five runs."""
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(n):
            fn()
        best = min(best, (time.perf_counter() - start) / n * 1e6)
    return best


def main(n: int = 200, rounds: int = 7) -> None:
    """Print the per-request cost of the gateway for each handset.

    The rounds interleave hooks off and every handset, so that a busy machine slows them
    alike; each row keeps its best round (the baseline too, which only makes it harder).
    """
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.sqlite3"
        migrations.upgrade(url)
        bare = build_app(False, url)
        full = build_app(True, url)
        base = client_for(bare, HANDSETS["PC"][0], {})
        clients = {name: client_for(full, agent, extra)
                   for name, (agent, extra) in HANDSETS.items()}
        base_size = len(base())
        sizes = {name: len(get()) for name, get in clients.items()}
        base_us = float("inf")
        best = dict.fromkeys(clients, float("inf"))
        for _ in range(rounds):
            base_us = min(base_us, per_request(base, n))
            for name, get in clients.items():
                best[name] = min(best[name], per_request(get, n))
        print(f"{'handset':44} {'hooks off':>10} {'hooks on':>10} {'gateway':>10} {'bytes':>6}")
        for name, on_us in best.items():
            print(f"{name:44} {base_us:8.0f}µs {on_us:8.0f}µs {on_us - base_us:8.0f}µs "
                  f"{sizes[name]:6}")
        print(f"(hooks off serves the same template as a plain UTF-8 page of {base_size} bytes)")
        worst = max(best.values()) - base_us
        print(f"goal: hooks overhead < {HOOKS_GOAL_US} µs on every handset: "
              f"{verdict(worst < HOOKS_GOAL_US)} (max {worst:.0f} µs)")
        layer(full)


def verdict(met: bool) -> str:
    """Return PASS or MISS."""
    return "PASS" if met else "MISS"


def layer(app: Flask) -> None:
    """Time the gateway's own steps on the 2 KB page, without Flask around them."""
    import carriers
    from keitai.gateway.inputs import decode_pairs
    from keitai.gateway.links import LinkPlan, rewrite_html
    from keitai.gateway.response import encode_text

    with app.test_request_context("/bench", headers={"User-Agent": HANDSETS["PC"][0]}):
        html = render_template_string(PAGE, lines=page_lines())
    agent = HANDSETS["docomo P903i"][0]
    query = b"sample=%82%B1%82%F1%82%C9%82%BF%82%CD%F8%9F&number=123"
    token = "abcdefghijklmnopqrstuvwxyz012345"
    plan = LinkPlan(host="keitai.test", link_query=f"guid=ON&amp;ksid={token}",
                    post_action_query="guid=ON", get_fields="", post_fields=lambda: "")
    handset = carriers.detect(agent, {}, "210.153.84.10")

    def whole() -> bytes:
        h = carriers.detect(agent, {}, "210.153.84.10")
        decode_pairs(query, h)
        return encode_text(rewrite_html(html, plan), h)

    n = 2000
    print(f"gateway layer alone on a {len(html.encode())}-byte page (docomo, Shift_JIS):")
    detect_us = timed(lambda: carriers.detect(agent, {}, "210.153.84.10"), n)
    print(f"  detect (cached)      {detect_us:7.1f}µs")
    print(f"  decode query         {timed(lambda: decode_pairs(query, handset), n):7.1f}µs")
    print(f"  rewrite links        {timed(lambda: rewrite_html(html, plan), n):7.1f}µs")
    print(f"  emoji + encode       {timed(lambda: encode_text(html, handset), n):7.1f}µs")
    whole_us = timed(whole, n)
    print(f"  all of the above     {whole_us:7.1f}µs")
    print(f"goal: layer alone < {LAYER_GOAL_US} µs: {verdict(whole_us < LAYER_GOAL_US)} "
          f"({whole_us:.0f} µs)")


if __name__ == "__main__":
    main()
