"""Every membership page fits each handset's page budget and is well-formed where XML."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest

import carriers
from tests.accounts.conftest import log_in, mail_link
from tests.accounts.test_signup_as_a_handset import invite
from tests.handsets import PAGE_PROFILES, page_text

VISITOR_PAGES = ["/", "/login", "/easy_login", "/terms", "/password/forgot"]
MEMBER_PAGES = ["/", "/settings", "/settings/easy_login", "/settings/email",
                "/settings/password", "/settings/withdraw", "/invite", "/logout"]


def check_page(client, response) -> None:  # type: ignore[no-untyped-def]
    """Assert the page is whole within the handset's limit, and well-formed XML for XHTML."""
    assert response.status_int == 200, response.request.path
    handset = carriers.detect(client.profile.user_agent, client.profile.headers)
    if handset.page_limit_bytes is not None:
        assert len(response.body) <= handset.page_limit_bytes, response.request.path
    assert b'accesskey="#"' not in response.body  # not split into parts
    text = page_text(response)
    if text.startswith("<?xml"):
        root = ET.fromstring(text.split("\n", 2)[2])
        assert root.tag == "{http://www.w3.org/1999/xhtml}html"


@pytest.mark.parametrize("name", PAGE_PROFILES + ["docomo-D501i"])
def test_membership_pages_fit_every_handset(handset, create_member, mailbox,
                                            name: str) -> None:
    create_member(email="hanako@example.com", nickname="はなこ")
    invite(handset, "hanako@example.com", "jiro@example.net")
    client = handset(name)
    for path in [*VISITOR_PAGES, mail_link(mailbox.messages()[0])]:
        check_page(client, client.get(path))
    location = log_in(client, "hanako@example.com").headers["Location"]
    query = urlsplit(location).query  # what our links carry: guid=ON, the cookie-less token
    for path in MEMBER_PAGES:
        page = client.get(path + (f"?{query}" if query else ""))
        check_page(client, page)  # 200, not the redirect visitors get to /login
