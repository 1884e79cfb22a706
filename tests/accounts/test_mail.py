"""Mail as handsets read it: ISO-2022-JP, MIME-encoded subject, short, links that open."""
from __future__ import annotations

from tests.accounts.conftest import mail_link
from tests.accounts.test_signup_as_a_handset import invite

CARRIER_ADDRESSES = {"docomo-N505i": "a.b..c.@docomo.ne.jp", "au-C5001T": "abc@ezweb.ne.jp",
                     "softbank-V602T": "abc@t.vodafone.ne.jp",
                     "softbank-930SH": "abc@i.softbank.jp", "willcom-WX310SA": "abc@di.pdx.ne.jp"}


def raw_headers(message) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {name: str(value) for name, value in message.raw_items()}


def test_invitations_to_every_carrier_are_iso_2022_jp_and_open_on_the_handset(
        handset, create_member, mailbox) -> None:
    create_member(email="hanako@example.com", nickname="はな☀ｺ")
    for name, address in CARRIER_ADDRESSES.items():
        invite(handset, "hanako@example.com", address)
        [message] = mailbox.messages(address)
        headers = raw_headers(message)
        assert headers["Content-Type"] == 'text/plain; charset="iso-2022-jp"'
        assert headers["Content-Transfer-Encoding"] == "7bit"
        assert headers["Subject"].startswith("=?iso-2022-jp?b?")
        body = message.get_payload(decode=True)
        assert body.isascii() and b"\x1b$B" in body and len(body) < 400
        assert message["Subject"] == "「はな[晴れ]コ」さんからけいたいSNSへの招待"
        url = mail_link(message)
        assert url.endswith("&guid=ON") == name.startswith("docomo")
        phone = handset(name)
        page = phone.get(url)
        assert page.status_int == 200 and "ニックネーム" in phone.text(page)


def test_mail_to_a_pc_is_utf_8_and_keeps_standard_emoji(handset, create_member,
                                                        mailbox) -> None:
    create_member(email="hanako@example.com", nickname="はな☀")
    invite(handset, "hanako@example.com", "jiro@example.net")
    [message] = mailbox.messages("jiro@example.net")
    assert message.get_content_charset() == "utf-8"
    assert message["Subject"] == "「はな☀」さんからけいたいSNSへの招待"
    assert raw_headers(message)["From"] == "info@keitai.test"


def test_one_address_gets_at_most_five_mails_an_hour(handset, create_member, mailbox) -> None:
    create_member(email="hanako@example.com", nickname="はなこ")
    for attempt in range(6):  # from six places, so only the limit of the address counts
        pc = handset("pc-Firefox", remote_addr=f"198.51.100.{attempt + 1}")
        answer = pc.submit(pc.get("/login/unlock"), {"email": "hanako@example.com"})
    for attempt in range(2):
        pc = handset("pc-Firefox", remote_addr=f"203.0.113.{attempt + 1}")
        pc.submit(pc.get("/password/forgot"), {"email": "hanako@example.com"})
    assert "お申し込みが続いたため" in answer.text
    assert len(mailbox.messages("hanako@example.com")) == 5

