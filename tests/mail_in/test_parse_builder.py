"""corpus.carrier_mail writes mail as each carrier's handsets do, and it reads back."""
from __future__ import annotations

import pytest

from keitai.mail_in.parse import read_mail
from tests.mail_in.corpus import carrier_mail
from tests.mail_in.mails import AU_MOVIE, PHOTO_JPEG

SENDERS = {"docomo": "hanako@docomo.ne.jp", "au": "kenta@ezweb.ne.jp",
           "softbank": "momo@softbank.ne.jp", "willcom": "pocket@pdx.ne.jp",
           "pc": "taro@example.com"}
TO = "d.7.k3xq9w2m4r8t@post.example.jp"


@pytest.mark.parametrize("carrier", sorted(SENDERS))
def test_a_built_mail_reads_back_with_its_text_emoji_and_files(carrier: str) -> None:
    subject = "晴れ\u2600の日①ﾃｽﾄ、少し長い件名にしてみました"
    body = "本文\u2600\u2764\n二行目\u301c①\n"
    raw = carrier_mail(carrier, SENDERS[carrier], TO, subject, body,
                       [("写真.jpg", PHOTO_JPEG), ("MOV001.3g2", AU_MOVIE)])
    got = read_mail(raw)
    assert got.sender == SENDERS[carrier]
    assert got.carrier == (None if carrier == "pc" else carrier)
    assert got.recipients == (TO,)
    assert got.subject == subject
    assert got.body == "本文\u2600\u2764\n二行目\u301c①"
    assert [(a.filename, a.kind, a.content_type, a.data) for a in got.attachments] == [
        ("写真.jpg", "image", "image/jpeg", PHOTO_JPEG),
        ("MOV001.3g2", "video", "video/3gpp2", AU_MOVIE)]


def test_each_carrier_writes_its_own_charset_and_emoji_bytes() -> None:
    au = carrier_mail("au", SENDERS["au"], TO, "\u2600", "\u2600")
    assert b"charset=ISO-2022-JP" in au and au.endswith(b"\x1b$B\x75\x41\x1b(B")
    docomo = carrier_mail("docomo", SENDERS["docomo"], TO, "hi", "\u2600")
    assert b"charset=Shift_JIS" in docomo and docomo.endswith(b"\xf8\x9f")
    docomo_plain = carrier_mail("docomo", SENDERS["docomo"], TO, "hi", "やあ")
    assert b"charset=ISO-2022-JP" in docomo_plain
    softbank = carrier_mail("softbank", SENDERS["softbank"], TO, "", "\u2600")
    assert b"From: <momo@softbank.ne.jp>\r\nSender: momo@softbank.ne.jp" in softbank
    assert b"Subject" not in softbank  # SoftBank sends no Subject for an empty one
    assert b"Content-Type:text/plain; charset=Shift_JIS" in softbank
    assert softbank.endswith(b"\xf9\x8b")
    utf8 = carrier_mail("softbank", SENDERS["softbank"], TO, "", "\u2600", charset="utf-8")
    assert utf8.endswith("\ue04a".encode())
    pc = carrier_mail("pc", SENDERS["pc"], TO, "x", "\u2600")
    assert b"charset=UTF-8" in pc and pc.endswith("\u2600".encode())


def test_a_built_mail_is_the_same_bytes_each_time_unless_told_otherwise() -> None:
    first = carrier_mail("au", SENDERS["au"], TO, "件名", "本文")
    assert first == carrier_mail("au", SENDERS["au"], TO, "件名", "本文")
    other = carrier_mail("au", SENDERS["au"], TO, "件名", "本文", message_id="<m2@ezweb.ne.jp>")
    assert read_mail(other).message_id == "<m2@ezweb.ne.jp>"
    assert read_mail(first).message_id != read_mail(other).message_id
