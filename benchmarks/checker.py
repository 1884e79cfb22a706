"""Checker speed: pages checked per second for one handset, on a local site of static pages.

The site (600 Shift_JIS pages of about 3 KB, ten links each, a picture on some) is served by
a threaded HTTP server in its own process, so the figures are the checker's: fetching over
HTTP, parsing, and every rule. Goal: at least 200 pages/s for one handset, so a 1,000-page
site as 10 handsets takes under a minute.
"""
from __future__ import annotations

import io
import multiprocessing
import socket
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from PIL import Image

from simulator.checker.crawl import HandsetCrawl
from simulator.checker.page import CheckedPage
from simulator.checker.rules import check_page
from simulator.profiles import builtin_profiles
from simulator.transport import HttpTransport

PAGES = 600
HANDSETS = ("docomo-P903i", "docomo-N505i", "au-W53CA", "softbank-930SH")


def _picture() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (120, 90), (200, 80, 40)).save(out, "JPEG", quality=80)
    return out.getvalue()


PICTURE = _picture()


def page_body(number: int) -> bytes:
    """Return page number N: a diary-like text, ten links on, a picture on every fifth."""
    links = "".join(f'<a href="/p/{(number * 7 + k) % PAGES}">日記{k}</a><br>'
                    for k in range(1, 10))
    text = "今日は友だちと渋谷で買い物をしてから、カフェでのんびり話しました。" * 40
    picture = '<img src="/pic.jpg" width="120" height="90" alt="写真"><br>' if number % 5 == 0 \
        else ""
    html = (f"<html><head><title>日記 {number}</title></head><body>{picture}<div>{text}</div>"
            f'{links}<hr><a href="/p/0" accesskey="0">トップ</a></body></html>')
    return html.encode("cp932")


BODIES = {f"/p/{n}": page_body(n) for n in range(PAGES)}


class Handler(BaseHTTPRequestHandler):
    """Serve the static pages and the picture."""

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        """Answer one GET."""
        body, kind = BODIES.get(self.path), "text/html; charset=Shift_JIS"
        if self.path == "/pic.jpg":
            body, kind = PICTURE, "image/jpeg"
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Stay quiet."""


def _serve(port: int) -> None:
    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait(port: int) -> None:
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            return
        except OSError:
            time.sleep(0.05)


def main() -> None:
    """Crawl the local site as each handset in turn and print pages per second."""
    port = _free_port()
    server = multiprocessing.get_context("spawn").Process(target=_serve, args=(port,),
                                                          daemon=True)
    server.start()
    try:
        _wait(port)
        profiles = {p.name: p for p in builtin_profiles()}
        print(f"{PAGES} pages of {len(BODIES['/p/1']) / 1024:.1f} KB, one handset at a time")
        for name in HANDSETS:
            crawl = HandsetCrawl(profiles[name], f"http://127.0.0.1:{port}/p/0",
                                 HttpTransport(), max_pages=PAGES)
            began = time.perf_counter()
            run = crawl.run()
            seconds = time.perf_counter() - began
            print(f"  {name:<16} {len(run.pages)} pages in {seconds:.2f} s = "
                  f"{len(run.pages) / seconds:6.0f} pages/s  ({len(run.findings)} findings)")
        _rules_only(profiles["docomo-P903i"], port)
    finally:
        server.terminate()


def _rules_only(profile: object, port: int) -> None:
    """Print the cost of reading and checking one page, without the network."""
    from simulator.profiles import Profile

    assert isinstance(profile, Profile)
    crawl = HandsetCrawl(profile, f"http://127.0.0.1:{port}/p/0", HttpTransport())
    fetched = crawl.fetch(f"http://127.0.0.1:{port}/p/5")
    rounds = 300
    began = time.perf_counter()
    for _ in range(rounds):
        page: CheckedPage = crawl.page(fetched)
        list(check_page(page))
    per_page = (time.perf_counter() - began) / rounds
    print(f"  parse + every rule on one page (no network): {per_page * 1000:.2f} ms")


if __name__ == "__main__":
    main()
