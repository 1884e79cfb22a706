"""Odd Host headers and CSRF fields: a page or a refusal in the handset's charset, never a 500."""
from __future__ import annotations

from urllib.parse import quote

import pytest

from carriers.markup import markup_for
from tests.handsets import page_forms
from tests.security.browsing import NoCookies, member_on

HANDSETS = ["docomo-N505i", "docomo-P903i", "au-W53CA", "softbank-930SH", "pc-Firefox"]
#: host names no URL can carry: a label over 63 octets, an empty label
UNUSABLE_HOSTS = ["a" * 64 + ".test", "a" * 300, "keitai..test"]


@pytest.mark.parametrize("name", HANDSETS)
@pytest.mark.parametrize("host", UNUSABLE_HOSTS)
def test_a_host_no_url_can_carry_still_gets_the_page(app, name, host) -> None:
    member = member_on(app, name)
    member.cookiejar = NoCookies()
    for path in ("/", "/handset", "/nowhere"):
        response = member.get(path, headers={"Host": host}, expect_errors=True)
        assert response.status_int in (200, 404), (path, response.status)
        handset = member.handset
        assert response.headers["Content-Type"] == markup_for(handset).content_type(
            handset.charset)


@pytest.mark.parametrize("name", HANDSETS)
def test_a_csrf_field_of_non_ascii_text_is_refused(app, create_member, name) -> None:
    create_member(email="taro@example.com")
    member = member_on(app, name, "taro@example.com")
    form = page_forms(member.get("/logout"))[0]
    charset = "utf-8" if member.handset.charset == "utf-8" else "cp932"
    fields = {**form.fields, "csrf_token": "あい"}
    body = "&".join(f"{k}={quote(v.encode(charset))}" for k, v in fields.items())
    response = member.post(form.action, body, content_type="application/x-www-form-urlencoded",
                           expect_errors=True)
    assert response.status_int == 400
    assert "有効期限" in member.text(response)


@pytest.mark.parametrize("label", ["%00", "shift%00jis", "utf-8%00"])
def test_a_charset_field_with_a_nul_is_not_believed(app, label) -> None:
    member = member_on(app, "pc-Firefox")
    page = member.get(f"/handset?_charset_={label}&sample=abc")
    assert "受信: abc" in member.text(page)
