"""The corpus: mails shaped like those handsets really sent, written byte by byte.

Each mail is built here from literal pieces (carrier emoji as the bytes the carriers used, taken
from their published code tables, not from our decoder) and kept as tests/mail_in/mails/NAME.eml.
`python -m tests.mail_in.mails` rewrites the files; a test checks that they match this module.
Shapes follow the carriers' mail of 2009–2013 (docs: media_mail_facts.md, B.1–B.3).
"""
from __future__ import annotations

import base64
import quopri
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent

# A 64x48 JPEG from a handset camera (Exif: orientation, model), a 20x20 decoration GIF, a PNG.
PHOTO_JPEG = base64.b64decode(
    "/9j/4AAQSkZJRgABAQAAAQABAAD/4QA2RXhpZgAATU0AKgAAAAgAAgEQAAIAAAAHAAAAJgESAAMAAAABAAEAAAAAAABT"
    "SDkwNWkAAP/bAEMACgcHCAcGCggICAsKCgsOGBAODQ0OHRUWERgjHyUkIh8iISYrNy8mKTQpISIwQTE0OTs+Pj4lLkRJ"
    "QzxINz0+O//bAEMBCgsLDg0OHBAQHDsoIig7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7"
    "Ozs7Ozs7O//AABEIADAAQAMBIgACEQEDEQH/xAAfAAABBQEBAQEBAQAAAAAAAAAAAQIDBAUGBwgJCgv/xAC1EAACAQMD"
    "AgQDBQUEBAAAAX0BAgMABBEFEiExQQYTUWEHInEUMoGRoQgjQrHBFVLR8CQzYnKCCQoWFxgZGiUmJygpKjQ1Njc4OTpD"
    "REVGR0hJSlNUVVZXWFlaY2RlZmdoaWpzdHV2d3h5eoOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPE"
    "xcbHyMnK0tPU1dbX2Nna4eLj5OXm5+jp6vHy8/T19vf4+fr/xAAfAQADAQEBAQEBAQEBAAAAAAAAAQIDBAUGBwgJCgv/"
    "xAC1EQACAQIEBAMEBwUEBAABAncAAQIDEQQFITEGEkFRB2FxEyIygQgUQpGhscEJIzNS8BVictEKFiQ04SXxFxgZGiYn"
    "KCkqNTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqCg4SFhoeIiYqSk5SVlpeYmZqio6Slpqeoqaqy"
    "s7S1tre4ubrCw8TFxsfIycrS09TV1tfY2dri4+Tl5ufo6ery8/T19vf4+fr/2gAMAwEAAhEDEQA/APMEt/ap0t/ariW/"
    "tU6W/tX0sqxzUK5US39qsJb+1W0t/arCW/tXPKqe1QrlNLf2qwlv7VbS39qsJb+1c0qx7NCuVEt/ap0t/ariW/tU6W/t"
    "XNKse1QrnOJb+1WEt/araW/tVhLf2rWVU/F6FcqJb+1Tpb+1W0t/arCW/tXNKse1QrlRLf2qwlv7VbS39qnS39q55Vj2"
    "qFcqJb+1WEt/araW/tVhLf2rmlVPZoVznEt/arCW/tVtLf2qdLf2rWVY/F6FcqJb+1WEt/araW/tVhLf2rmlVPaoVyol"
    "v7VOlv7VbS39qsJb+1c0qx7VCuVEt/arCW/tVtLf2qdLf2rnlWPZoVz/2Q=="
)
DECO_GIF = base64.b64decode(
    "R0lGODdhFAAUAIEAAP////8AgAAAAAAAACwAAAAAFAAUAEAIOwABBBhIsKDBgwcFIlzIcKBCgw8bSiQYEeJEiRUvWtS4"
    "MCNHhyA/FvSokeRFkxNRYhQ5kiVFlyFdAggIADs="
)
ICON_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAGUlEQVR4nGNkaPjPQApgIkn1qIZRDUNKAwDFPwGfyFTh"
    "BwAAAABJRU5ErkJggg=="
)
# The start of an au movie: an ISO base media file with brand 3g2a (and KDDI), then media data.
AU_MOVIE = (b"\x00\x00\x00\x1cftyp3g2a\x00\x00\x00\x00" + b"3g2a3g2bKDDI"
            + b"\x00\x00\x01\x00mdat" + bytes(range(256))[: 0x100 - 8])

# Carrier emoji as bytes: docomo Shift_JIS; au mail JIS (rows 75-7B) and au mail Shift_JIS
# (EB-EE); SoftBank Shift_JIS (F7/F9/FB) and UTF-8 private use.
DOCOMO_SUN, DOCOMO_CLOUD, DOCOMO_SMILE, DOCOMO_IMODE = b"\xf8\x9f", b"\xf8\xa0", b"\xf9\x95", \
    b"\xf9\x75"
AU_SUN, AU_CLOUD, AU_HEART, AU_WINE, AU_EZ = b"\x75\x41", b"\x75\x46", b"\x78\x34", b"\x75\x7a", \
    b"\x77\x74"
AU_MAIL_SJIS_SUN, AU_MAIL_SJIS_HEART = b"\xeb\x60", b"\xec\xb2"
SOFTBANK_SUN, SOFTBANK_MIC, SOFTBANK_RELIEVED = b"\xf9\x8b", b"\xf9\x7c", b"\xfb\x41"
ROW13_CIRCLED_1, ROW13_CIRCLED_2, ROW13_KABU = b"\x2d\x21", b"\x2d\x22", b"\x2d\x6a"
GETA = b"\x22\x2e"


def jis(*parts: str | bytes) -> bytes:
    """One ESC $ B run: str parts are full-width text, bytes parts raw JIS pairs."""
    pairs = b"".join(p if isinstance(p, bytes) else p.encode("iso2022_jp")[3:-3] for p in parts)
    return b"\x1b$B" + pairs + b"\x1b(B"


def sjis(text: str) -> bytes:
    """Text as a handset's Shift_JIS."""
    return text.encode("cp932")


def b_word(charset: str, data: bytes) -> bytes:
    """An RFC 2047 B encoded word."""
    return b"=?" + charset.encode() + b"?B?" + base64.b64encode(data) + b"?="


def b64(data: bytes) -> bytes:
    """base64 in 76-character lines ending in CRLF."""
    return base64.encodebytes(data).replace(b"\n", b"\r\n")


def qp(data: bytes) -> bytes:
    """quoted-printable with CRLF line ends (line breaks in data stay line breaks)."""
    return quopri.encodestring(data.replace(b"\r\n", b"\n")).replace(b"\n", b"\r\n")


def mail(headers: list[bytes | str], body: bytes) -> bytes:
    """Header lines and a body, with CRLF."""
    lines = [h if isinstance(h, bytes) else h.encode("ascii") for h in headers]
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def docomo_received(day: str) -> list[str]:
    """The Received lines of mail from docomo's centre."""
    return [f"Received: from mail226.docomo.ne.jp (mail226.docomo.ne.jp [203.138.203.226])"
            f"\r\n\tby mx.example.jp (Postfix) with ESMTP id 4F1C2B3A; {day}"]


def docomo_jis() -> bytes:
    """docomo, no emoji: ISO-2022-JP 7bit; trailing blank lines; Date with (JST)."""
    return mail([
        *docomo_received("Sun, 15 Mar 2009 12:30:12 +0900 (JST)"),
        "Date: Sun, 15 Mar 2009 12:30:05 +0900 (JST)",
        "From: hanako-0315@docomo.ne.jp",
        "To: d.7.k3xq9w2m4r8t@post.example.jp",
        b"Subject: " + b_word("ISO-2022-JP", jis("ランチ")),
        "Message-ID: <IMT20090315123005.2F3A1B@docomo.ne.jp>",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=ISO-2022-JP",
        "Content-Transfer-Encoding: 7bit",
    ], jis("今日のランチはカレーでした。") + b"\r\n" + jis("駅前の店です") + b"(500" + jis("円")
       + b")\r\n\r\n  \r\n\r\n")


def docomo_sjis_emoji() -> bytes:
    """docomo with emoji: Shift_JIS 8bit, emoji in body and B-encoded subject."""
    return mail([
        *docomo_received("Sat, 02 May 2009 09:14:40 +0900 (JST)"),
        "Date: Sat, 02 May 2009 09:14:33 +0900 (JST)",
        "From: taro.y@docomo.ne.jp",
        "To: d.7.k3xq9w2m4r8t@post.example.jp",
        b"Subject: " + b_word("Shift_JIS", sjis("晴れ") + DOCOMO_SUN),
        "Message-ID: <IMT20090502091433.51CC08@docomo.ne.jp>",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=Shift_JIS",
        "Content-Transfer-Encoding: 8bit",
    ], sjis("いい天気") + DOCOMO_SUN + DOCOMO_CLOUD + sjis("\r\nまたね") + DOCOMO_SMILE
       + DOCOMO_IMODE + b"\r\n")


def docomo_geta() -> bytes:
    """docomo emoji after docomo's gateway made them 〓 (mail to a PC domain)."""
    return mail([
        *docomo_received("Sat, 15 Aug 2009 20:02:11 +0900 (JST)"),
        "Date: Sat, 15 Aug 2009 20:02:04 +0900 (JST)",
        "From: natsu.hanabi@docomo.ne.jp",
        "To: d.7.k3xq9w2m4r8t@post.example.jp",
        b"Subject: " + b_word("ISO-2022-JP", jis("花火", GETA)),
        "Message-ID: <IMT20090815200204.7A9E11@docomo.ne.jp>",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=ISO-2022-JP",
        "Content-Transfer-Encoding: 7bit",
    ], jis("花火きれい", GETA, GETA) + b"\r\n")


def docomo_decomail() -> bytes:
    """docomo decomail: mixed > related > alternative (text, QP HTML) + inline GIF; a photo."""
    cid = "01@090606.191540@______N905i@docomo.ne.jp"
    html = (b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-2022-jp">'
            b'</head><body bgcolor="#ffeeff"><div><font color="#ff0066">' + jis("お花見")
            + b'</font><img src="cid:' + cid.encode() + b'"><br>' + jis("楽しかった！")
            + b"<br></div></body></html>")
    return mail([
        *docomo_received("Sat, 06 Jun 2009 19:15:48 +0900 (JST)"),
        "Date: Sat, 06 Jun 2009 19:15:40 +0900 (JST)",
        "From: sakura-mi@docomo.ne.jp",
        "To: d.7.k3xq9w2m4r8t@post.example.jp",
        b"Subject: " + b_word("ISO-2022-JP", jis("デコメ")),
        "Message-ID: <IMT090606191540.00A1@docomo.ne.jp>",
        "MIME-Version: 1.0",
        'Content-Type: multipart/mixed; boundary="--==_mimepart_dcm1"',
    ], b"\r\n".join([
        b"----==_mimepart_dcm1",
        b'Content-Type: multipart/related; boundary="--==_mimepart_dcm2"',
        b"",
        b"----==_mimepart_dcm2",
        b'Content-Type: multipart/alternative; boundary="--==_mimepart_dcm3"',
        b"",
        b"----==_mimepart_dcm3",
        b"Content-Type: text/plain; charset=ISO-2022-JP",
        b"Content-Transfer-Encoding: 7bit",
        b"",
        jis("お花見") + b"\r\n" + jis("楽しかった！"),
        b"----==_mimepart_dcm3",
        b"Content-Type: text/html; charset=ISO-2022-JP",
        b"Content-Transfer-Encoding: quoted-printable",
        b"",
        qp(html),
        b"----==_mimepart_dcm3--",
        b"",
        b"----==_mimepart_dcm2",
        b'Content-Type: image/gif; name="sakura.gif"',
        b"Content-Transfer-Encoding: base64",
        b"Content-ID: <" + cid.encode() + b">",
        b"",
        b64(DECO_GIF),
        b"----==_mimepart_dcm2--",
        b"",
        b"----==_mimepart_dcm1",
        b'Content-Type: image/jpeg; name="DSC00012.jpg"',
        b"Content-Transfer-Encoding: base64",
        b'Content-Disposition: attachment; filename="DSC00012.jpg"',
        b"",
        b64(PHOTO_JPEG),
        b"----==_mimepart_dcm1--",
        b"",
    ]))


def docomo_rfc_violating() -> bytes:
    """An RFC-violating docomo address; To and Cc lists; a photo part that forgot its
    Content-Transfer-Encoding header (the bytes are base64 all the same)."""
    return mail([
        *docomo_received("Mon, 01 Feb 2010 07:45:02 +0900 (JST)"),
        "Date: Mon, 01 Feb 2010 07:45:00 +0900 (JST)",
        "From: a..b.@docomo.ne.jp",
        "To: d.7.k3xq9w2m4r8t@POST.example.jp,",
        " friend@Example.COM",
        'Cc: "Jiro, J." <Jiro@docomo.ne.jp>',
        b"Subject: " + b_word("ISO-2022-JP", jis("朝")),
        "Message-ID: <IMT201002010745.0B1@docomo.ne.jp>",
        "MIME-Version: 1.0",
        'Content-Type: multipart/mixed; boundary="dcmbnd"',
    ], b"\r\n".join([
        b"--dcmbnd",
        b"Content-Type: text/plain; charset=ISO-2022-JP",
        b"Content-Transfer-Encoding: 7bit",
        b"",
        jis("おはよう") + b"\r\n",
        b"--dcmbnd",
        b'Content-Type: image/jpeg; name="P1000123.JPG"',
        b"",
        b64(PHOTO_JPEG),
        b"--dcmbnd--",
        b"",
    ]))


def docomo_split_subject() -> bytes:
    """A subject in three Shift_JIS encoded words that split characters between them, and a
    quoted-printable Shift_JIS body with CR LF."""
    subject = sjis("週末は") + DOCOMO_SUN + sjis("お出かけ")
    words = [subject[:5], subject[5:12], subject[12:]]  # both cuts fall inside a character
    return mail([
        *docomo_received("Fri, 10 Jul 2009 18:00:09 +0900 (JST)"),
        "Date: Fri, 10 Jul 2009 18:00:01 +0900 (JST)",
        "From: taro.y@docomo.ne.jp",
        "To: d.7.k3xq9w2m4r8t@post.example.jp",
        b"Subject: " + b"\r\n ".join(b_word("SHIFT_JIS", w) for w in words),
        "Message-ID: <IMT20090710180001.6D@docomo.ne.jp>",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=Shift_JIS",
        "Content-Transfer-Encoding: quoted-printable",
    ], qp(sjis("海に行きます") + DOCOMO_SUN + sjis("\r\n〜楽しみ〜\r\n")))


def au_received(day: str) -> list[str]:
    """The Received lines of mail from au's centre."""
    return [f"Received: from nx3oBP03-05.ezweb.ne.jp (nx3oBP03-05.ezweb.ne.jp [59.135.39.197])"
            f"\r\n\tby mx.example.jp (Postfix) with ESMTP id 9B2F; {day}"]


def au_jis_emoji() -> bytes:
    """au with emoji: still ISO-2022-JP 7bit, emoji as JIS codes in body and subject."""
    return mail([
        *au_received("Tue, 21 Apr 2009 22:10:05 +0900"),
        "Date: Tue, 21 Apr 2009 22:10:01 +0900",
        "From: kenta_au@ezweb.ne.jp",
        "To: d.12.r2d2c3po4bb8@post.example.jp",
        b"Subject: " + b_word("ISO-2022-JP", jis("天気", AU_SUN, AU_CLOUD)),
        "Message-ID: <200904212210.n3LDA1xM012345@nxev03mp05.ezweb.ne.jp>",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=ISO-2022-JP",
        "Content-Transfer-Encoding: 7bit",
    ], jis("明日は晴れ", AU_SUN, "のち曇り", AU_CLOUD) + b"\r\n"
       + jis("乾杯", AU_WINE, AU_HEART, AU_EZ) + b"\r\n")


def au_attached() -> bytes:
    """au photo: multipart/mixed, ASCII name in both Content-Type and Content-Disposition."""
    return mail([
        *au_received("Sat, 10 Oct 2009 15:01:45 +0900"),
        "Date: Sat, 10 Oct 2009 15:01:40 +0900",
        "From: kenta_au@ezweb.ne.jp",
        "To: d.12.r2d2c3po4bb8@post.example.jp",
        b"Subject: " + b_word("ISO-2022-JP", jis("紅葉")),
        "Message-ID: <200910101501.n9A61eQ9000123@nxev01mp02.ezweb.ne.jp>",
        "MIME-Version: 1.0",
        'Content-Type: multipart/mixed; boundary="--OPERA_MAIL_au_0010"',
    ], b"\r\n".join([
        b"----OPERA_MAIL_au_0010",
        b"Content-Type: text/plain; charset=ISO-2022-JP",
        b"Content-Transfer-Encoding: 7bit",
        b"",
        jis("山がきれい", AU_SUN),
        b"----OPERA_MAIL_au_0010",
        b'Content-Type: image/jpeg; name="20091010photo01.jpg"',
        b"Content-Transfer-Encoding: base64",
        b'Content-Disposition: attachment; filename="20091010photo01.jpg"',
        b"",
        b64(PHOTO_JPEG),
        b"----OPERA_MAIL_au_0010--",
        b"",
    ]))


def au_row13() -> bytes:
    """au with NEC row 13 (①, ②, ㈱), which strict ISO-2022-JP decoders reject."""
    return mail([
        *au_received("Thu, 03 Dec 2009 08:30:12 +0900"),
        "Date: Thu, 03 Dec 2009 08:30:10 +0900",
        "From: kenta_au@ezweb.ne.jp",
        "To: d.12.r2d2c3po4bb8@post.example.jp",
        b"Subject: " + b_word("ISO-2022-JP", jis("予定", ROW13_CIRCLED_1)),
        "Message-ID: <200912030830.nB2NUAaa001122@nxev02mp01.ezweb.ne.jp>",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=ISO-2022-JP",
        "Content-Transfer-Encoding: 7bit",
    ], jis(ROW13_CIRCLED_1, "会議", ROW13_CIRCLED_2, ROW13_KABU, "山田") + b"\r\n"
       + jis(AU_SUN) + b"\r\n")


def au_raw_subject() -> bytes:
    """au Subject sent without MIME encoding: raw ISO-2022-JP in the header, emoji and all."""
    return mail([
        *au_received("Wed, 06 Jan 2010 12:12:12 +0900"),
        "Date: Wed, 06 Jan 2010 12:12:10 +0900",
        "From: kenta_au@ezweb.ne.jp",
        "To: d.12.r2d2c3po4bb8@post.example.jp",
        b"Subject: " + jis("雪", AU_CLOUD) + b" 2010",
        "Message-ID: <201001061212.o05NCAb1000999@nxev01mp03.ezweb.ne.jp>",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=ISO-2022-JP",
        "Content-Transfer-Encoding: 7bit",
    ], jis("寒い") + b"\r\n")


def au_decomail() -> bytes:
    """au decomail: mixed > alternative (text, QP HTML), the inline GIF beside alternative."""
    cid = "deco01@ezweb.ne.jp"
    html = (b"<html><body><font color=#0000ff>" + jis("ありがとう", AU_HEART) + b"</font>"
            b"<br><img src=\"cid:" + cid.encode() + b"\"></body></html>")
    return mail([
        *au_received("Sun, 14 Feb 2010 21:00:03 +0900"),
        "Date: Sun, 14 Feb 2010 21:00:00 +0900",
        "From: kenta_au@ezweb.ne.jp",
        "To: d.12.r2d2c3po4bb8@post.example.jp",
        b"Subject: " + b_word("ISO-2022-JP", jis("お礼")),
        "Message-ID: <201002142100.o1EC00aa004455@nxev04mp02.ezweb.ne.jp>",
        "MIME-Version: 1.0",
        'Content-Type: multipart/mixed; boundary="--au_deco_mixed"',
    ], b"\r\n".join([
        b"----au_deco_mixed",
        b'Content-Type: multipart/alternative; boundary="--au_deco_alt"',
        b"",
        b"----au_deco_alt",
        b"Content-Type: text/plain; charset=ISO-2022-JP",
        b"Content-Transfer-Encoding: 7bit",
        b"",
        jis("ありがとう", AU_HEART),
        b"----au_deco_alt",
        b"Content-Type: text/html; charset=ISO-2022-JP",
        b"Content-Transfer-Encoding: quoted-printable",
        b"",
        qp(html),
        b"----au_deco_alt--",
        b"",
        b"----au_deco_mixed",
        b'Content-Type: image/gif; name="heart.gif"',
        b"Content-Transfer-Encoding: base64",
        b"Content-ID: <" + cid.encode() + b">",
        b'Content-Disposition: inline; filename="heart.gif"',
        b"",
        b64(DECO_GIF),
        b"----au_deco_mixed--",
        b"",
    ]))


def au_sjis() -> bytes:
    """au mail in Shift_JIS: emoji as au's mail Shift_JIS codes (EB-EE), not its web codes."""
    return mail([
        *au_received("Mon, 05 Jul 2010 07:07:07 +0900"),
        "Date: Mon, 05 Jul 2010 07:07:05 +0900",
        "From: Kenta.AU@EZweb.ne.jp",
        "To: d.12.r2d2c3po4bb8@post.example.jp",
        b"Subject: " + b_word("Shift_JIS", sjis("七夕") + AU_MAIL_SJIS_SUN),
        "Message-ID: <201007050707.o64M75aa000707@nxev02mp04.ezweb.ne.jp>",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=Shift_JIS",
        "Content-Transfer-Encoding: 8bit",
    ], sjis("願い事") + AU_MAIL_SJIS_HEART + sjis("ﾃｽﾄ\r\n"))


def au_movie() -> bytes:
    """au movie (EZ ムービー): a 3GPP2 file declared as video/3gpp2."""
    return mail([
        *au_received("Sat, 20 Mar 2010 16:45:30 +0900"),
        "Date: Sat, 20 Mar 2010 16:45:20 +0900",
        "From: kenta_au@ezweb.ne.jp",
        "To: d.12.r2d2c3po4bb8@post.example.jp",
        b"Subject: " + b_word("ISO-2022-JP", jis("動画")),
        "Message-ID: <201003201645.o2K7jKaa002020@nxev01mp01.ezweb.ne.jp>",
        "MIME-Version: 1.0",
        'Content-Type: multipart/mixed; boundary="--OPERA_MAIL_au_0020"',
    ], b"\r\n".join([
        b"----OPERA_MAIL_au_0020",
        b"Content-Type: text/plain; charset=ISO-2022-JP",
        b"Content-Transfer-Encoding: 7bit",
        b"",
        jis("猫です"),
        b"----OPERA_MAIL_au_0020",
        b'Content-Type: video/3gpp2; name="MOV0001.3g2"',
        b"Content-Transfer-Encoding: base64",
        b'Content-Disposition: attachment; filename="MOV0001.3g2"',
        b"",
        b64(AU_MOVIE),
        b"----OPERA_MAIL_au_0020--",
        b"",
    ]))


def softbank_headers(subject: bytes | None, message_id: str, day: str) -> list[bytes | str]:
    """SoftBank's header lines: From in angle brackets, Sender, X-Priority."""
    return [
        f"Received: from mmrts010p01c.softbank.ne.jp (mmrts010p01c.softbank.ne.jp "
        f"[123.108.236.10])\r\n\tby mx.example.jp (Postfix) with ESMTP id 77AA; {day}",
        f"Date: {day}",
        "From: <momo.s@softbank.ne.jp>",
        "Sender: momo.s@softbank.ne.jp",
        "To: d.21.q8w7e6r5t4y3@post.example.jp",
        *([b"Subject: " + subject] if subject is not None else []),
        f"Message-Id: <{message_id}>",
        "MIME-Version: 1.0",
        "X-Priority: 3",
    ]


def softbank_sjis() -> bytes:
    """SoftBank Shift_JIS 8bit with its mail emoji (rows F9 and FB), as multipart/alternative
    with a base64 HTML part; Content-Type without a space after the colon."""
    text = sjis("歌いに行こう") + SOFTBANK_MIC + SOFTBANK_SUN + sjis("\r\n疲れた") + \
        SOFTBANK_RELIEVED + b"\r\n"
    html = b'<html><body><div>' + text.replace(b"\r\n", b"<br>") + b"</div></body></html>"
    return mail([
        *softbank_headers(b_word("Shift_JIS", sjis("カラオケ") + SOFTBANK_MIC),
                          "50DE1A2B3C4D.0016E68C4366", "Fri, 20 Nov 2009 19:30:00 +0900"),
        'Content-Type:multipart/alternative;boundary="--sb_alt_01"',
    ], b"\r\n".join([
        b"----sb_alt_01",
        b"Content-Type:text/plain;charset=Shift_JIS",
        b"Content-Transfer-Encoding:8bit",
        b"",
        text,
        b"----sb_alt_01",
        b"Content-Type:text/html;charset=Shift_JIS",
        b"Content-Transfer-Encoding:base64",
        b"",
        b64(html),
        b"----sb_alt_01--",
        b"",
    ]))


def softbank_utf8() -> bytes:
    """SoftBank UTF-8 8bit with its private-use emoji, subject B-encoded in UTF-8."""
    return mail([
        *softbank_headers(b_word("UTF-8", "晴れ\ue04a".encode()),
                          "50DE1A2B3C4E.0016E68C4366", "Sat, 21 Nov 2009 10:00:00 +0900"),
        "Content-Type:text/plain;charset=UTF-8",
        "Content-Transfer-Encoding:8bit",
    ], "たこ焼き\ue10a食べた\r\n渋谷\ue50aにて\r\n".encode())


def softbank_blank() -> bytes:
    """SoftBank "empty mail" (sign-up style): no Subject header at all and an empty body."""
    return mail([
        *softbank_headers(None, "50DE1A2B3C4F.0016E68C4366", "Sun, 22 Nov 2009 08:00:00 +0900"),
        "Content-Type:text/plain;charset=ISO-2022-JP",
        "Content-Transfer-Encoding:7bit",
    ], b"")


def softbank_sjis_filename() -> bytes:
    """A SoftBank photo named in raw Shift_JIS (表 ends in byte 5C, a backslash)."""
    name = sjis("表紙.jpg")
    return mail([
        *softbank_headers(b_word("Shift_JIS", sjis("写真")), "50DE1A2B3C50.0016E68C4366",
                          "Mon, 23 Nov 2009 12:00:00 +0900"),
        'Content-Type:multipart/mixed;boundary="--sb_mixed_02"',
    ], b"\r\n".join([
        b"----sb_mixed_02",
        b"Content-Type:text/plain;charset=Shift_JIS",
        b"Content-Transfer-Encoding:8bit",
        b"",
        sjis("どう？"),
        b"----sb_mixed_02",
        b'Content-Type:image/jpeg;name="' + name + b'"',
        b"Content-Transfer-Encoding:base64",
        b'Content-Disposition:attachment;filename="' + name + b'"',
        b"",
        b64(PHOTO_JPEG),
        b"----sb_mixed_02--",
        b"",
    ]))


def iphone_headers(subject: bytes, message_id: str, content_type: str) -> list[bytes | str]:
    """iPhone Mail's header lines (i.softbank.jp)."""
    return [
        "Received: from [10.210.33.4] (unknown [126.212.1.2])\r\n\tby mx.example.jp (Postfix) "
        "with ESMTPA id 3C1D; Sat, 05 Mar 2011 14:00:02 +0900",
        "From: Hanako <hanako.i@i.softbank.jp>",
        "To: \"post\" <d.33.m1n2b3v4c5x6@post.example.jp>",
        b"Subject: " + subject,
        "Date: Sat, 05 Mar 2011 14:00:00 +0900",
        f"Message-Id: <{message_id}>",
        "Mime-Version: 1.0 (iPhone Mail 8C148)",
        "X-Mailer: iPhone Mail (8C148)",
        content_type,
    ]


def iphone_jis_kana() -> bytes:
    """iPhone ISO-2022-JP with half-width kana (ESC ( I) and row 13; text, photo, text; the
    photo named in RFC 2231 (filename*=iso-2022-jp''...) with name=__.JPG beside it."""
    name = "".join(f"%{b:02X}" for b in "写真".encode("iso2022_jp")) + ".JPG"
    return mail(iphone_headers(b_word("ISO-2022-JP", jis("カフェ")), "A1B2C3D4-0001@i.softbank.jp",
                               'Content-Type: multipart/mixed; boundary=Apple-Mail-1-234'),
                b"\r\n".join([
        b"--Apple-Mail-1-234",
        b"Content-Type: text/plain; charset=iso-2022-jp",
        b"Content-Transfer-Encoding: 7bit",
        b"",
        jis("新しい") + b"\x1b(I" + "ｶﾌｪ".encode("cp932").translate(_KANA_TO_JIS)
        + b"\x1b(B" + jis(ROW13_CIRCLED_1) + b"\r\n",
        b"--Apple-Mail-1-234",
        b"Content-Type: image/jpeg; name=__.JPG",
        b"Content-Transfer-Encoding: base64",
        b"Content-Disposition: inline; filename*=iso-2022-jp''" + name.encode(),
        b"",
        b64(PHOTO_JPEG),
        b"--Apple-Mail-1-234",
        b"Content-Type: text/plain; charset=us-ascii",
        b"Content-Transfer-Encoding: 7bit",
        b"",
        b"",
        b"",
        b"--Apple-Mail-1-234--",
        b"",
    ]))


_KANA_TO_JIS = bytes.maketrans(bytes(range(0xA1, 0xE0)), bytes(range(0x21, 0x60)))


def iphone_cp932() -> bytes:
    """iPhone labelling Shift_JIS cp932, SoftBank emoji; alternative (text, related (HTML,
    photo)): the HTML shows the photo by cid:, and it is a photo all the same."""
    text = sjis("公園なう") + SOFTBANK_SUN + sjis("ｲｲ天気\r\n")
    html = (b"<html><body>" + sjis("公園なう") + SOFTBANK_SUN + b"<br><img src=\"cid:"
            b"4E1F2A3B-PHOTO@i.softbank.jp\"></body></html>")
    return mail(iphone_headers(b_word("Shift_JIS", sjis("公園")), "A1B2C3D4-0002@i.softbank.jp",
                               "Content-Type: multipart/alternative; boundary=Apple-Mail-2-345"),
                b"\r\n".join([
        b"--Apple-Mail-2-345",
        b"Content-Type: text/plain; charset=cp932",
        b"Content-Transfer-Encoding: 8bit",
        b"",
        text,
        b"--Apple-Mail-2-345",
        b"Content-Type: multipart/related; type=\"text/html\"; boundary=Apple-Mail-3-456",
        b"",
        b"--Apple-Mail-3-456",
        b"Content-Type: text/html; charset=cp932",
        b"Content-Transfer-Encoding: 8bit",
        b"",
        html,
        b"--Apple-Mail-3-456",
        b"Content-Type: image/jpeg; name=\"photo.JPG\"",
        b"Content-Transfer-Encoding: base64",
        b"Content-Disposition: inline; filename=\"photo.JPG\"",
        b"Content-Id: <4E1F2A3B-PHOTO@i.softbank.jp>",
        b"",
        b64(PHOTO_JPEG),
        b"--Apple-Mail-3-456--",
        b"",
        b"--Apple-Mail-2-345--",
        b"",
    ]))


def pc_rfc2047_filename() -> bytes:
    """A Windows mailer: names as RFC 2047 words in quotes, the photo declared image/pjpeg,
    a PNG as application/octet-stream. Not a handset: no carrier."""
    word = b_word("ISO-2022-JP", "運動会.jpg".encode("iso2022_jp")).decode()
    return mail([
        "Received: from pc01 (p1234-ipbf.example-isp.ne.jp [210.1.2.3])\r\n\tby mx.example.jp "
        "(Postfix) with ESMTP id 1A2B; Sun, 10 Oct 2010 20:00:05 +0900",
        'From: "=?ISO-2022-JP?B?GyRCOzNFRBsoQg==?=" <Yamada.Taro@Example.COM>',
        "To: <d.7.k3xq9w2m4r8t@post.example.jp>",
        b"Subject: " + b_word("ISO-2022-JP", jis("運動会")) + b" 2010",
        "Date: Sun, 10 Oct 2010 20:00:00 +0900",
        "Message-ID: <000a01cb6869$1c2d3e40$0201a8c0@pc01>",
        "MIME-Version: 1.0",
        'Content-Type: multipart/mixed; boundary="----=_NextPart_000_000B_01CB68B4.8C14A640"',
        "X-Mailer: Microsoft Outlook Express 6.00.2900.5931",
    ], b"\r\n".join([
        b"This is a multi-part message in MIME format.",
        b"",
        b"------=_NextPart_000_000B_01CB68B4.8C14A640",
        b'Content-Type: text/plain; charset="iso-2022-jp"',
        b"Content-Transfer-Encoding: 7bit",
        b"",
        jis("写真を送ります。") + b"\r\n",
        b"------=_NextPart_000_000B_01CB68B4.8C14A640",
        b'Content-Type: image/pjpeg; name="' + word.encode() + b'"',
        b"Content-Transfer-Encoding: base64",
        b'Content-Disposition: attachment; filename="' + word.encode() + b'"',
        b"",
        b64(PHOTO_JPEG),
        b"------=_NextPart_000_000B_01CB68B4.8C14A640",
        b'Content-Type: application/octet-stream; name="map.png"',
        b"Content-Transfer-Encoding: base64",
        b'Content-Disposition: attachment; filename="map.png"',
        b"",
        b64(ICON_PNG),
        b"------=_NextPart_000_000B_01CB68B4.8C14A640--",
        b"",
    ]))


def willcom_airh() -> bytes:
    """WILLCOM: ISO-2022-JP that carries docomo's emoji as raw Shift_JIS bytes."""
    return mail([
        "Received: from mx.pdx.ne.jp (mx.pdx.ne.jp [210.168.1.1])\r\n\tby mx.example.jp "
        "(Postfix) with ESMTP id 5E6F; Tue, 13 Apr 2010 09:00:05 +0900",
        "Date: Tue, 13 Apr 2010 09:00:00 +0900",
        "From: pocket@wm.pdx.ne.jp",
        "To: d.7.k3xq9w2m4r8t@post.example.jp",
        b"Subject: " + b_word("ISO-2022-JP", jis("春")),
        "Message-ID: <20100413090000.AB12@wm.pdx.ne.jp>",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=ISO-2022-JP",
        "Content-Transfer-Encoding: 7bit",
    ], jis("桜") + DOCOMO_SUN + jis("満開") + b"\r\n")


MAILS: dict[str, Callable[[], bytes]] = {
    f.__name__: f for f in (
        docomo_jis, docomo_sjis_emoji, docomo_geta, docomo_decomail, docomo_rfc_violating,
        docomo_split_subject, au_jis_emoji, au_attached, au_row13, au_raw_subject, au_decomail,
        au_sjis, au_movie, softbank_sjis, softbank_utf8, softbank_blank,
        softbank_sjis_filename, iphone_jis_kana, iphone_cp932, pc_rfc2047_filename,
        willcom_airh,
    )
}


def load(name: str) -> bytes:
    """Return the committed bytes of a corpus mail."""
    return (HERE / f"{name}.eml").read_bytes()


def write(directory: Path = HERE) -> list[Path]:
    """Write every corpus mail as NAME.eml into directory."""
    paths = []
    for name, build in MAILS.items():
        path = directory / f"{name}.eml"
        path.write_bytes(build())
        paths.append(path)
    return paths
