"""Reading a mail's text: headers, encoded words, addresses, body parts, limits."""
from __future__ import annotations

import base64

import pytest

from keitai.mail_in.parse import UnreadableMail, read_mail
from tests.mail_in.mails import b_word, jis, mail, sjis

TO = "To: d.7.k3xq9w2m4r8t@post.example.jp"


def plain(sender: str, body: bytes, *headers: str | bytes, charset: str = "ISO-2022-JP",
          encoding: str = "7bit") -> bytes:
    return mail([f"From: {sender}", TO, *headers, "MIME-Version: 1.0",
                 f"Content-Type: text/plain; charset={charset}",
                 f"Content-Transfer-Encoding: {encoding}"], body)


def test_a_mail_over_the_limit_is_refused_before_it_is_parsed() -> None:
    raw = plain("a@docomo.ne.jp", b"x" * 2000)
    with pytest.raises(UnreadableMail) as refused:
        read_mail(raw, max_bytes=1024)
    assert refused.value.message == "メールが大きすぎます（1KBまで）"
    with pytest.raises(UnreadableMail, match="10MBまで"):
        read_mail(b"From: a@docomo.ne.jp\r\n\r\n" + b"x" * (10 * 1024 * 1024))
    assert read_mail(raw, max_bytes=len(raw)).body == "x" * 2000


@pytest.mark.parametrize("raw", [
    b"To: a@example.jp\r\nSubject: hi\r\n\r\nbody",
    b"From: \r\nTo: a@example.jp\r\n\r\nbody",
    b"From: Taro\r\n\r\nbody",
    b"",
    b"\x00\xff garbage without headers",
])
def test_a_mail_without_a_from_address_is_unreadable(raw: bytes) -> None:
    with pytest.raises(UnreadableMail) as refused:
        read_mail(raw)
    assert refused.value.message == "送信元のアドレスがありません"


@pytest.mark.parametrize(("header", "sender"), [
    ("a..b.@docomo.ne.jp", "a..b.@docomo.ne.jp"),
    (".taro..@DoCoMo.ne.jp", ".taro..@docomo.ne.jp"),
    ('"abc."@docomo.ne.jp', "abc.@docomo.ne.jp"),
    ("Taro <Taro.Y@EZweb.ne.jp>", "Taro.Y@ezweb.ne.jp"),
    ('"Yamada, Taro" <yamada@example.com> (home)', "yamada@example.com"),
    ("=?ISO-2022-JP?B?GyRCOzNFRBsoQg==?= <yamada@example.com>", "yamada@example.com"),
    ("<momo@softbank.ne.jp>", "momo@softbank.ne.jp"),
])
def test_the_sender_keeps_its_local_part_as_written(header: str, sender: str) -> None:
    assert read_mail(plain(header, b"x")).sender == sender


def test_recipients_are_to_and_cc_lower_cased_and_message_id_as_written() -> None:
    raw = mail(["From: a@docomo.ne.jp", 'To: "Post, Box" <P.Box@Post.Example.JP>, b@x.jp',
                "Cc: C@X.JP", "Message-ID:  <ABC@docomo.ne.jp> "], b"x")
    got = read_mail(raw)
    assert got.recipients == ("p.box@post.example.jp", "b@x.jp", "c@x.jp")
    assert got.message_id == "<ABC@docomo.ne.jp>"
    assert read_mail(b"From: a@docomo.ne.jp\r\n\r\nx").message_id is None


def test_the_carrier_is_told_by_the_senders_domain_only() -> None:
    docomo_bytes_from_a_pc = plain("a@example.com", b"\xf8\x9f", charset="Shift_JIS",
                                   encoding="8bit")
    got = read_mail(docomo_bytes_from_a_pc)
    assert got.carrier is None
    assert got.body == "〓"  # an emoji nobody can know: not guessed from the bytes
    softbank = plain("a@softbank.ne.jp", b"\xf9\x8b", charset="Shift_JIS", encoding="8bit")
    docomo = plain("a@docomo.ne.jp", b"\xf9\x8b", charset="Shift_JIS", encoding="8bit")
    assert read_mail(softbank).body == "\u2600"  # SoftBank's sun
    assert read_mail(docomo).body != "\u2600"  # the same bytes are another docomo emoji
    assert read_mail(plain("x@emnet.ne.jp", b"x")).carrier == "emobile"


def test_subject_words_in_three_charsets_one_after_another() -> None:
    subject = b" ".join([b_word("ISO-2022-JP", jis("晴れ", b"\x75\x41")),
                         b_word("Shift_JIS", sjis("と")), b_word("UTF-8", "雨\ue04b".encode())])
    got = read_mail(plain("a@ezweb.ne.jp", b"", b"Subject: " + subject))
    # private use in a UTF-8 word is the sender's carrier's: SoftBank's U+E04B is no au emoji
    assert got.subject == "晴れ\u2600と雨〓"


def test_subject_words_in_q_encoding_and_text_between_words_is_kept() -> None:
    subject = b"Re: =?Shift_JIS?Q?=93=FA=96=7B?= =?Shift_JIS?Q?=8C=EA?= (2)"
    got = read_mail(plain("a@docomo.ne.jp", b"", b"Subject: " + subject))
    assert got.subject == "Re: 日本語 (2)"


def test_a_subject_folded_over_lines_and_with_broken_padding_reads_whole() -> None:
    word = base64.b64encode(jis("お知らせ")).rstrip(b"=")
    raw = plain("a@docomo.ne.jp", b"", b"Subject: =?iso-2022-jp?b?" + word + b"?=\r\n\t!")
    assert read_mail(raw).subject == "お知らせ !"  # unfolding keeps the white space


def test_raw_shift_jis_and_utf8_subjects_are_read_too() -> None:
    sjis_subject = plain("a@softbank.ne.jp", b"", b"Subject: " + sjis("近況") + b"\xf9\x8b")
    assert read_mail(sjis_subject).subject == "近況\u2600"
    utf8_subject = plain("a@example.com", b"", "Subject: 近況☀".encode())
    assert read_mail(utf8_subject).subject == "近況☀"


def test_body_line_endings_become_lf_and_trailing_blank_lines_go() -> None:
    body = sjis("一行目\r\n二行目\r三行目\n\n  末尾  \r\n\r\n\u3000\r\n \r\n")
    got = read_mail(plain("a@docomo.ne.jp", body, charset="Shift_JIS", encoding="8bit"))
    assert got.body == "一行目\n二行目\n三行目\n\n  末尾  "


def test_leading_blank_lines_and_signatures_are_kept() -> None:
    body = jis("本文") + b"\r\n\r\n-- \r\n" + jis("山田") + b"\r\n"
    got = read_mail(plain("a@docomo.ne.jp", b"\r\n" + body))
    assert got.body == "\n本文\n\n-- \n山田"


def test_base64_and_quoted_printable_bodies() -> None:
    text = sjis("今日は") + b"\xf8\x9f"
    b64 = plain("a@docomo.ne.jp", base64.encodebytes(text), charset="Shift_JIS",
                encoding="base64")
    assert read_mail(b64).body == "今日は\u2600"
    qp = plain("a@softbank.ne.jp", b"=E6=99=B4=EE=81=8A=\r\n!", charset="utf-8",
               encoding="quoted-printable")
    assert read_mail(qp).body == "晴\u2600!"


def test_a_body_without_a_charset_is_told_from_its_bytes() -> None:
    raw = mail(["From: a@ezweb.ne.jp", TO], jis("天気", b"\x75\x41"))
    assert read_mail(raw).body == "天気\u2600"
    raw = mail(["From: a@softbank.ne.jp", TO], b"\xf9\x8b" + sjis("です"))
    assert read_mail(raw).body == "\u2600です"


def test_text_parts_around_an_inline_photo_are_one_body() -> None:
    raw = mail(["From: a@i.softbank.jp", TO, 'Content-Type: multipart/mixed; boundary="b"'],
               b"--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + "前".encode()
               + b"\r\n--b\r\nContent-Type: image/gif\r\nContent-Transfer-Encoding: base64\r\n\r\n"
               + base64.encodebytes(b"GIF89a" + bytes(20))
               + b"\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + "後".encode()
               + b"\r\n--b--\r\n")
    got = read_mail(raw)
    assert got.body == "前\n後"
    assert [a.kind for a in got.attachments] == ["image"]


def test_an_html_only_mail_gives_the_text_of_its_html() -> None:
    markup = (b"<html><head><title>t</title><style>p{}</style></head><body>"
              + sjis("こんにちは") + b"<br>&#xE63E;&amp;<div>" + sjis("二行目")
              + b"</div><script>x()</script><img src=\"cid:a\"></body></html>")
    raw = mail(["From: a@docomo.ne.jp", TO, "Content-Type: text/html; charset=Shift_JIS",
                "Content-Transfer-Encoding: 8bit"], markup)
    assert read_mail(raw).body == "こんにちは\n\u2600&\n二行目"


def test_a_text_attachment_is_not_the_body() -> None:
    raw = mail(["From: a@docomo.ne.jp", TO, 'Content-Type: multipart/mixed; boundary="b"'],
               b"--b\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nbody\r\n"
               b"--b\r\nContent-Type: text/plain; name=memo.txt\r\n"
               b"Content-Disposition: attachment; filename=memo.txt\r\n\r\nmemo\r\n--b--\r\n")
    got = read_mail(raw)
    assert got.body == "body"
    assert [(a.kind, a.content_type, a.filename, a.data) for a in got.attachments] == [
        ("other", "text/plain", "memo.txt", b"memo")]


def test_a_mail_read_by_pythons_email_package_alone_would_lose_the_emoji() -> None:
    # why the reader decodes text itself (media_mail_facts.md B.7, pitfall 11)
    import email
    import email.policy

    raw = plain("a@docomo.ne.jp", sjis("晴れ") + b"\xf8\x9f" + sjis("です"), charset="Shift_JIS",
                encoding="8bit")
    by_stdlib = email.message_from_bytes(raw, policy=email.policy.default)
    assert "\u2600" not in by_stdlib.get_body().get_content()  # type: ignore[union-attr]
    assert read_mail(raw).body == "晴れ\u2600です"
