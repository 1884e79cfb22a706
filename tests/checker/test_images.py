"""The images rules read pictures by their bytes, load each once, stay on the checked site, and
check a picture the crawl reaches by a link as the response itself."""
from __future__ import annotations

from carriers.markup_support import support_for
from simulator.checker.context import read_image
from simulator.checker.findings import Finding
from simulator.checker.run import check_site, check_url
from simulator.profiles import Profile
from simulator.proxy import OutgoingRequest, Response
from simulator.transport import WsgiTransport
from tests.checker.site import HOST, FixturePage, FixtureSite, chtml
from tests.checker.site.images import ANIMATED, DOT, NO_DELAY, TOO_MANY_LOOPS, animation


class CountingTransport(WsgiTransport):
    """The fixture site, counting the requests for each path."""

    def __init__(self, pages: list[FixturePage]) -> None:
        super().__init__(FixtureSite(pages))
        self.requests: list[str] = []

    def send(self, request: OutgoingRequest) -> Response:
        """Answer one request and count it."""
        self.requests.append(request.url.removeprefix(HOST))
        return super().send(request)


def without_png(profiles: list[Profile]) -> Profile:
    """Return a handset whose browser does not show PNG."""
    return next(p for p in profiles if "png" not in support_for(p.handset).image_formats)


def docomo(profiles: list[Profile]) -> Profile:
    """Return a docomo handset (the carrier with published animated GIF limits)."""
    return next(p for p in profiles if p.carrier == "docomo")


def image_findings(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.rule.startswith("images.")]


def test_an_animation_is_read_with_its_frames_loops_and_shortest_delay() -> None:
    info = read_image("/a.gif", 200, "image/gif", NO_DELAY.data)
    assert (info.format, info.frames, info.loops, info.delay_ms) == ("gif", 3, 3, 0)
    tame = read_image("/b.gif", 200, "image/gif", ANIMATED.data)
    assert (tame.frames, tame.delay_ms) == (3, 200)
    assert read_image("/c.png", 200, "image/png", DOT["png"].data).delay_ms is None


def test_the_format_comes_from_the_bytes_not_the_name_or_content_type(
        profiles: list[Profile]) -> None:
    transport = CountingTransport([
        FixturePage("/p", chtml('<img src="/x.gif" alt="x">')),
        FixturePage("/x.gif", DOT["png"].data, "image/gif")])
    found = image_findings(check_url(without_png(profiles), HOST + "/p", transport))
    assert [(f.rule, f.url) for f in found] == [("images.format", HOST + "/p")]
    assert "a PNG picture" in found[0].message and HOST + "/x.gif" in found[0].message


def test_a_picture_shown_twice_is_loaded_and_reported_once(profiles: list[Profile]) -> None:
    transport = CountingTransport([
        FixturePage("/p", chtml('<img src="/x.png" alt="x"><img src="x.png" alt="y">')),
        FixturePage("/x.png", DOT["png"].data, "image/png")])
    found = image_findings(check_url(without_png(profiles), HOST + "/p", transport))
    assert [f.rule for f in found] == ["images.format"]
    assert transport.requests.count("/x.png") == 1


def test_pictures_on_other_sites_are_neither_loaded_nor_reported(
        profiles: list[Profile]) -> None:
    transport = CountingTransport([
        FixturePage("/p", chtml('<img src="http://elsewhere.test/x.png" alt="x">')),
        FixturePage("/hop.png", b"", "image/png",
                    status=302, headers=(("Location", "http://elsewhere.test/y.png"),)),
        FixturePage("/q", chtml('<img src="/hop.png" alt="x">'))])
    for path in ("/p", "/q"):
        assert image_findings(check_url(without_png(profiles), HOST + path, transport)) == []
    assert transport.requests == ["/p", "/q", "/hop.png"]


def test_a_picture_reached_by_a_link_is_checked_as_itself(
        profiles: list[Profile]) -> None:
    transport = CountingTransport([
        FixturePage("/", chtml('<img src="/x.png" alt="x"><a href="/x.png">big</a>')),
        FixturePage("/x.png", DOT["png"].data, "image/png")])
    report = check_site(HOST + "/", [without_png(profiles)], transport=transport)
    found = {(f.url.removeprefix(HOST), f.rule) for f in image_findings(report.findings)}
    assert found == {("/", "images.format"), ("/x.png", "images.format")}


def test_an_animation_that_loops_forever_is_within_docomo_s_loop_limit(
        profiles: list[Profile]) -> None:
    forever = animation("/forever.gif", loops=0)
    transport = CountingTransport([
        FixturePage("/forever.gif", forever.data, "image/gif"),
        FixturePage("/loops.gif", TOO_MANY_LOOPS.data, "image/gif")])
    handset = docomo(profiles)
    assert check_url(handset, HOST + "/forever.gif", transport) == []
    over = check_url(handset, HOST + "/loops.gif", transport)
    assert [f.rule for f in over] == ["images.animation"]
    assert "20 loops (at most 16)" in over[0].message
