"""Input: query and form bytes decoded with the handset's charset; bad bytes refused cleanly."""
from __future__ import annotations

import re
from urllib.parse import quote_from_bytes

from keitai.db import db
from keitai.models import WebSession


def _q(text: str, charset: str) -> str:
    return quote_from_bytes(text.encode(charset))


def test_shift_jis_query_from_docomo_is_decoded(handset) -> None:
    page = handset("docomo-N505i").get("/handset?sample=" + _q("こんにちは", "cp932"))
    text = page.body.decode("cp932")
    assert "受信: こんにちは" in text
    assert "U+3053 U+3093" in text


def test_docomo_emoji_bytes_arrive_as_canonical_unicode(handset) -> None:
    page = handset("docomo-N505i").get("/handset?sample=%F8%9F")
    assert "U+2600" in page.body.decode("cp932")


def test_utf8_query_from_softbank_3g_is_decoded(handset) -> None:
    page = handset("softbank-930SH").get("/handset?sample=" + _q("ソフトバンク", "utf-8"))
    assert "受信: ソフトバンク" in page.body.decode("utf-8")


def test_broken_shift_jis_gives_a_short_error_page_in_shift_jis(handset) -> None:
    response = handset("docomo-N505i").get("/handset?sample=%82", expect_errors=True)
    assert response.status_int == 400
    assert response.headers["Content-Type"] == "text/html; charset=Shift_JIS"
    assert "文字化け" in response.body.decode("cp932")
    assert len(response.body) < 1500


def test_broken_shift_jis_post_stores_nothing(handset, app) -> None:
    client = handset("docomo-N505i")
    page = client.get("/_t/note").body.decode("cp932")
    fields = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', page))
    body = "&".join(f"{k}={v}" for k, v in fields.items()) + "&note=%83%41%83"
    response = client.post("/_t/note?guid=ON", body,
                           content_type="application/x-www-form-urlencoded",
                           expect_errors=True)
    assert response.status_int == 400
    with app.app_context():
        assert all("note" not in row.data for row in db.session.query(WebSession))


def test_pc_posting_euc_jp_is_detected(handset, app) -> None:
    client = handset("pc-Firefox")
    page = client.get("/_t/note").text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    note = "今日はとても良い天気でしたので、公園まで散歩に行きました。桜がきれいでした。"
    body = f"csrf_token={csrf}&note={_q(note, 'euc_jp')}"
    client.post("/_t/note", body, content_type="application/x-www-form-urlencoded")
    assert f"note={note}" in client.get("/_t/note").text


def test_browser_charset_field_is_believed(handset) -> None:
    client = handset("pc-Firefox")
    page = client.get("/_t/note").text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    body = f"_charset_=Shift_JIS&csrf_token={csrf}&note={_q('ｶﾀｶﾅ', 'cp932')}"
    client.post("/_t/note", body, content_type="application/x-www-form-urlencoded")
    assert "note=ｶﾀｶﾅ" in client.get("/_t/note").text


def test_oversized_post_is_refused_with_a_message(handset) -> None:
    client = handset("docomo-N505i")
    response = client.post("/_t/note", "note=" + "a" * (70 * 1024),
                           content_type="application/x-www-form-urlencoded",
                           expect_errors=True)
    assert response.status_int == 413
    assert "大きすぎます" in response.body.decode("cp932")


def test_hostile_user_agent_is_a_pc_and_the_page_still_renders(handset, app) -> None:
    client = handset("pc-Firefox")
    for agent in ("", "\r\nSet-Cookie: x=1", "DoCoMo/1.0/" + "A" * 10_000, "\x00\xff<script>",
                  "DoCoMo/2.0 X(c99999999999999999999999;W99999H99999)"):
        response = client.get("/handset", headers={"User-Agent": agent}, expect_errors=True)
        assert response.status_int == 200
        assert "<script>" not in response.body.decode(response.charset or "cp932", "replace")
        assert "x=1" not in response.headers.get("Set-Cookie", "")


def test_crlf_in_gateway_headers_does_not_reach_the_response(handset) -> None:
    client = handset("au-W53CA")
    response = client.get("/handset", headers={"X-UP-SUBNO": "abc\r\nX-Evil: 1"},
                          expect_errors=True)
    assert response.status_int == 200
    assert "X-Evil" not in response.headers


def test_forged_forwarded_for_from_an_untrusted_address_is_not_believed(handset) -> None:
    client = handset("docomo-P903i", via_gateway=False)
    forged = client.get("/handset", headers={"X-Forwarded-For": "210.153.84.10"})
    assert "ゲートウェイ経由: いいえ" in forged.body.decode("cp932")
    proxied = handset("docomo-P903i", remote_addr="127.0.0.1").get(
        "/handset", headers={"X-Forwarded-For": "210.153.84.10"})
    assert "ゲートウェイ経由: はい" in proxied.body.decode("cp932")
    assert "接続元: 210.153.84.10" in proxied.body.decode("cp932")


def test_jphone_web_code_emoji_in_a_form_arrive_as_canonical_unicode(handset) -> None:
    page = handset("softbank-V602T").get("/handset?sample=%1B%24Gj%0F")
    assert "U+2600" in page.body.decode("cp932")


def test_crlf_in_input_becomes_lf(handset) -> None:
    page = handset("docomo-N505i").get("/handset?sample=a%0D%0Ab")
    assert "U+0061 U+000A U+0062" in page.body.decode("cp932")


def test_characters_shift_jis_lacks_reach_the_handset_as_references(handset) -> None:
    body = handset("docomo-N505i").get("/_t/rare").body
    assert "caf&#233; &#134071; ".encode("ascii") + b"\xf8\x9f" in body
    pc = handset("pc-Firefox").get("/_t/rare")
    assert "café 𠮷 ☀" in pc.body.decode("utf-8")
