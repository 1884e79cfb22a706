"""What each handset's browser reads, decided per model from carriers/data/markup_support.json."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

import carriers
from carriers import markup_support
from carriers.markup_data import browser_ids, compose, data, docomo_model, versions_of
from carriers.markup_support import BrowserSupport, support_for
from simulator.profiles import builtin_profiles

KB = 1024


def support(agent: str, headers: dict[str, str] | None = None) -> BrowserSupport:
    """Return the support of the handset a User-Agent (and headers) describe."""
    return support_for(carriers.detect(agent, headers or {}))


def test_the_n505i_reads_i_mode_html_5_0_with_jpeg_and_extended_emoji() -> None:
    n505i = support("DoCoMo/1.0/N505i/c20/TB/W24H12")
    assert (n505i.language, n505i.version, n505i.label) == ("i-mode HTML", "5.0", "i-mode HTML 5.0")
    assert n505i.element("font") == n505i.element("marquee") == "yes"
    assert n505i.attribute("a", "ilet") == n505i.attribute("hr", "color") == "yes"
    assert n505i.image_formats == {"gif", "jpeg"} and n505i.extended_emoji
    assert n505i.media_types == {"text/html"} and not n505i.inline_css
    assert (n505i.counts_images, n505i.image_limit_bytes) == (True, 20 * KB)
    assert n505i.comfortable_bytes == 3 * KB


def test_the_d501i_reads_i_mode_html_1_0_without_font_meta_or_istyle() -> None:
    d501i = support("DoCoMo/1.0/D501i")
    assert (d501i.version, d501i.complete) == ("1.0", True)
    assert d501i.element("font") == d501i.element("meta") == d501i.element("blink") == "no"
    assert d501i.attribute("input", "istyle") == d501i.attribute("body", "bgcolor") == "no"
    assert d501i.attribute("a", "accesskey") == d501i.attribute("input", "accesskey") == "yes"
    assert d501i.image_formats == {"gif"} and not d501i.extended_emoji
    assert (d501i.image_limit_bytes, d501i.comfortable_bytes) == (5 * KB, 2 * KB)


def test_select_and_option_in_i_mode_html_1_0_are_unknown_because_the_sources_disagree() -> None:
    d501i = support("DoCoMo/1.0/D501i")
    assert d501i.element("select") == d501i.element("option") == "unknown"
    assert d501i.attribute("select", "name") == "unknown"
    assert support("DoCoMo/1.0/P502i/c10").element("select") == "yes"


def test_a_complete_list_says_no_where_a_partial_list_says_unknown() -> None:
    html3 = support("DoCoMo/1.0/P503i/c10")  # 1.0-3.0 are complete
    html5 = support("DoCoMo/1.0/N505i/c20")  # 4.0 on the tag lists stop
    assert html3.complete and not html5.complete
    assert html3.element("table") == "no" and html5.element("table") == "unknown"
    assert html3.attribute("div", "id") == "no" and html5.attribute("div", "id") == "unknown"
    assert html3.attribute("nonsense", "x") == "unknown"  # an element it lacks: see element()


def test_html5_elements_are_absent_on_every_keitai_and_read_by_full_browsers() -> None:
    for agent in ("DoCoMo/1.0/N505i/c20", "DoCoMo/2.0 N06A3(c500;TB;W24H16)",
                  "KDDI-CA39 UP.Browser/6.2.0.13.1.5 (GUI) MMP/2.0", "J-PHONE/4.3/V602T/SN1"):
        assert support(agent).element("video") == "no", agent
    iphone = support("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15"
                     " (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1")
    assert iphone.permissive and iphone.element("video") == iphone.attribute("a", "ping") == "yes"
    assert iphone.progressive_jpeg and iphone.comfortable_bytes is None


def test_the_p903i_reads_i_xhtml_2_1_and_text_html_as_i_mode_html_7_0() -> None:
    p903i = support("DoCoMo/2.0 P903i(c100;TB;W24H12)")
    assert (p903i.language, p903i.version, p903i.xml) == ("i-XHTML", "2.1", True)
    assert p903i.media_types == {"application/xhtml+xml", "text/html"}
    assert p903i.inline_css and not p903i.external_css and p903i.style_element == "links"
    assert p903i.element("table") == "yes" and p903i.attribute("input", "istyle") == "no"
    assert p903i.reading("application/xhtml+xml") is p903i
    as_html = p903i.reading("text/html")
    assert (as_html.language, as_html.version) == ("i-mode HTML", "7.0")
    assert not as_html.inline_css and as_html.attribute("input", "istyle") == "yes"
    assert as_html.generation == p903i.generation and as_html.image_formats == {"gif", "jpeg"}
    assert (p903i.image_limit_bytes, p903i.comfortable_bytes) == (100 * KB, 6 * KB)


@pytest.mark.parametrize(("agent", "xhtml", "html"), [
    ("DoCoMo/2.0 N2051(c100;TB)", "1.0", "4.0"),
    ("DoCoMo/2.0 N900i(c100;TB;W24H12)", "1.1", "5.0"),
    ("DoCoMo/2.0 D800iDS(c100;TB;W23H12)", "2.0", "6.0"),
    ("DoCoMo/2.0 F905i(c100;TB;W24H17)", "2.2", "7.1"),
    ("DoCoMo/2.0 SH706iw(c100;TB;W24H16)", "2.3", "7.2"),
    ("DoCoMo/2.0 L03A(c100;TB;W24H12)", "2.0", "6.0"),
])
def test_foma_versions_follow_the_model_not_the_series(agent: str, xhtml: str, html: str) -> None:
    found = support(agent)
    assert (found.version, found.reading("text/html").version) == (xhtml, html)


def test_i_xhtml_before_2_0_has_no_tables() -> None:
    assert support("DoCoMo/2.0 N900i(c100;TB;W24H12)").element("table") == "no"
    assert support("DoCoMo/2.0 N902i(c100;TB;W24H12)").element("table") == "yes"


def test_the_n06a_runs_i_mode_browser_2_0_with_or_without_the_ua_digit() -> None:
    for agent in ("DoCoMo/2.0 N06A(c500;TB;W24H16)", "DoCoMo/2.0 N06A3(c500;TB;W24H16)"):
        n06a = support(agent)
        assert (n06a.language, n06a.generation) == ("i-mode browser 2.0",
                                                    "docomo i-mode browser 2.0")
        assert n06a.external_css and n06a.style_element == "yes"
        assert n06a.element("iframe") == "yes" and n06a.reading("text/html") is n06a
        assert n06a.basis.startswith("model")
    assert docomo_model("N-06A") == docomo_model("N06A3") == {"browser": "2.0"}


@pytest.mark.parametrize(("agent", "language", "version", "basis"), [
    ("DoCoMo/1.0/X501i", "i-mode HTML", "1.0", "cache c5"),
    ("DoCoMo/1.0/X999i/c10", "i-mode HTML", "2.0", "cache c10"),
    ("DoCoMo/1.0/X999i/c20", "i-mode HTML", "5.0", "cache c20"),
    ("DoCoMo/2.0 X999i(c100;TB)", "i-XHTML", "1.0", "cache c100"),
    ("DoCoMo/2.0 X99Z(c500;TB)", "i-mode browser 2.0", "2.0", "cache c500"),
])
def test_a_docomo_model_missing_from_the_data_gets_the_oldest_browser_of_its_cache(
        agent: str, language: str, version: str, basis: str) -> None:
    found = support(agent)
    assert (found.language, found.version) == (language, version)
    assert found.basis.startswith(basis) and "not in the data" in found.basis


def test_au_handsets_read_xhtml_mp_by_up_browser_version() -> None:
    ca39 = support("KDDI-CA39 UP.Browser/6.2.0.13.1.5 (GUI) MMP/2.0")
    ts21 = support("KDDI-TS21 UP.Browser/6.0.2.273 (GUI) MMP/1.1")
    win = support("KDDI-SA3B UP.Browser/6.2_7.2.7.1.K.2.234 (GUI) MMP/2.0")
    assert (ca39.language, ca39.version, ts21.version, win.version) == ("XHTML MP", "6.2", "6.0",
                                                                        "7")
    assert len({ca39.generation, ts21.generation, win.generation}) == 3
    assert ca39.attribute("input", "format") == ca39.attribute("img", "localsrc") == "yes"
    assert ca39.element("font") == "yes" and ca39.element("blockquote") == "yes"
    assert ca39.attribute("a", "name") == "yes" and ca39.attribute("a", "onclick") == "unknown"
    assert not ca39.xml and ca39.xml_strict == "no"  # a lenient parser
    assert "application/vnd.wap.xhtml+xml" in ca39.media_types and not ca39.counts_images
    hdml = support("UP.Browser/3.04-TS13 UP.Link/3.4.4")
    assert (hdml.language, hdml.inline_css, hdml.image_formats) == ("HDML", False,
                                                                   frozenset({"png"}))


def test_softbank_types_c_p_w_and_3gc() -> None:
    c_type = support("J-PHONE/3.0/J-SH10")
    p_type = support("J-PHONE/4.3/V602T/SN1")
    w_type = support("J-PHONE/5.0/V801SA/SN1")
    g3 = support("SoftBank/1.0/930SH/SHJ001/SN1 Browser/NetFront/3.4 Profile/MIDP-2.0")
    assert [s.language for s in (c_type, p_type, w_type, g3)] == [
        "MML", "J-PHONE HTML", "J-PHONE HTML", "SoftBank XHTML"]
    for legacy in (c_type, p_type, w_type):
        assert not legacy.inline_css and legacy.element("style") == "no"
        assert legacy.element("font") == "unknown" and legacy.element("a") == "yes"
        assert legacy.image_formats == {"png"} and legacy.comfortable_bytes == 3 * KB
    assert "application/xhtml+xml" in w_type.media_types
    assert "application/xhtml+xml" not in p_type.media_types
    assert g3.attribute("input", "mode") == g3.attribute("a", "z") == "yes"
    assert g3.xml_strict == "unknown" and g3.charsets >= {"utf-8", "shift_jis", "euc_jp"}
    assert g3.inline_css and g3.external_css


def test_comfortable_size_is_never_above_the_page_limit() -> None:
    tiny = carriers.detect("KDDI-CA39 UP.Browser/6.2.0.13.1.5 (GUI) MMP/2.0",
                           {"x-up-devcap-max-pdu": "4000"})
    assert support_for(tiny).comfortable_bytes == 4000
    c_type = support("J-PHONE/2.0/J-SH02")
    assert c_type.comfortable_bytes == 3 * KB


#: the generation of each built-in profile, in the handset list's order
GENERATIONS = {
    "docomo-N505i": "docomo i-mode HTML 2.0-5.0",
    "docomo-P903i": "docomo i-XHTML (i-mode browser 1.0)",
    "docomo-N06A": "docomo i-mode browser 2.0",
    "docomo-D501i": "docomo i-mode HTML 1.0 (501i)",
    "au-W53CA": "au XHTML MP (UP.Browser 6.2)",
    "au-C5001T": "au XHTML MP (UP.Browser 6.0)",
    "softbank-J-SH10": "SoftBank C type (J-PHONE 2.x-3.x)",
    "softbank-V602T": "SoftBank P type (J-PHONE 4.x)",
    "softbank-930SH": "SoftBank 3GC (XHTML)",
    "softbank-V801SA": "SoftBank W type (J-PHONE 5.x)",
    "willcom-WX310SA": "WILLCOM",
    "smartphone-iPhone3G": "smartphone",
    "pc-Firefox": "PC",
}


def test_each_built_in_profile_falls_in_its_markup_generation() -> None:
    found = {p.name: support_for(p.handset).generation for p in builtin_profiles()}
    assert {name: found[name] for name in GENERATIONS} == GENERATIONS
    assert set(found.values()) == set(GENERATIONS.values())
    firsts: dict[str, str] = {}
    for name, generation in found.items():
        firsts.setdefault(generation, name)
    assert set(firsts.values()) == set(GENERATIONS)


def test_every_browser_record_composes_at_every_version() -> None:
    for browser in browser_ids():
        for version in versions_of(browser) or [""]:
            made = compose(browser, version)
            for name in ("carrier", "language", "generation", "media_types", "charsets",
                         "image_formats", "xml", "style_element"):
                assert name in made.fields, (browser, version, name)
            assert made.fields["xml"] in ("yes", "no", "unknown")


def test_every_docomo_model_names_a_version_the_data_has() -> None:
    html = set(versions_of("docomo-chtml"))
    ixhtml = set(versions_of("docomo-ixhtml"))
    for model, entry in data()["docomo_models"]["models"].items():
        assert entry.get("browser") == "2.0" or entry["html"] in html, model
        assert entry.get("ixhtml", "1.0") in ixhtml, model
        if "ixhtml" in entry:
            paired = compose("docomo-ixhtml", entry["ixhtml"]).fields["html_version"]
            assert paired == entry["html"], model


def cited(node: object) -> Iterator[str]:
    """Yield every source id a part of the data file cites."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "sources" and all(isinstance(item, str) for item in value):
                yield from value
            else:
                yield from cited(value)
    elif isinstance(node, list):
        for item in node:
            yield from cited(item)


def test_every_source_cited_is_listed_and_the_file_says_where_it_comes_from() -> None:
    listed = {source["id"] for source in data()["sources"]}
    assert set(cited(data())) - listed == set()
    assert {"official", "secondary", "code", "inferred"} <= set(data()["meta"]["confidence"])
    assert "public sources" in data()["meta"]["compiled_from"]


def test_support_is_cached_by_browser_facts_not_by_the_users_ids() -> None:
    agent = "DoCoMo/2.0 P903i(c100;TB;W24H12)"
    first = support_for(carriers.detect(agent, {"X-DCMGUID": "AAAAAA1"}))
    second = support_for(carriers.detect(agent, {"X-DCMGUID": "BBBBBB2"}))
    assert first is second
    assert support_for(carriers.detect("DoCoMo/1.0/N505i/c20/TB/W24H12")) is not first


def test_the_cache_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(markup_support, "_CACHE", {})
    for number in range(markup_support.CACHE_SIZE + 10):
        support_for(carriers.detect(f"DoCoMo/1.0/X{number}i/c20"))
    assert len(markup_support._CACHE) <= markup_support.CACHE_SIZE
