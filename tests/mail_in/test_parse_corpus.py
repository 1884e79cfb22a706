"""Every corpus mail reads as its sender wrote it: addresses, subject, body, emoji, attachments."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from keitai.mail_in.parse import IncomingMail, UnreadableMail, read_mail
from tests.mail_in.mails import AU_MOVIE, DECO_GIF, ICON_PNG, MAILS, PHOTO_JPEG, load, write

POST_DOCOMO = "d.7.k3xq9w2m4r8t@post.example.jp"
POST_AU = "d.12.r2d2c3po4bb8@post.example.jp"
POST_SOFTBANK = "d.21.q8w7e6r5t4y3@post.example.jp"
POST_IPHONE = "d.33.m1n2b3v4c5x6@post.example.jp"
IMODE_LOGO = "\U000fee10"  # no standard Unicode: Google's private use U+FE000 + e4u id E10
EZ_MARK = "\U000fee40"
SHIBUYA = "\U000fe4c5"


@dataclass(frozen=True)
class Expected:
    sender: str
    carrier: str | None
    subject: str
    body: str
    #: (kind, content type, size, filename)
    attachments: list[tuple[str, str, int, str]] = field(default_factory=list)
    recipients: tuple[str, ...] = ()
    sender_header: str | None = None
    message_id: str | None = None


PHOTO = len(PHOTO_JPEG)
EXPECTED = {
    "docomo_jis": Expected(
        "hanako-0315@docomo.ne.jp", "docomo", "ランチ",
        "今日のランチはカレーでした。\n駅前の店です(500円)",
        recipients=(POST_DOCOMO,), message_id="<IMT20090315123005.2F3A1B@docomo.ne.jp>"),
    "docomo_sjis_emoji": Expected(
        "taro.y@docomo.ne.jp", "docomo", "晴れ\u2600",
        f"いい天気\u2600\u2601\nまたね😃{IMODE_LOGO}"),
    "docomo_geta": Expected("natsu.hanabi@docomo.ne.jp", "docomo", "花火〓", "花火きれい〓〓"),
    "docomo_decomail": Expected(
        "sakura-mi@docomo.ne.jp", "docomo", "デコメ", "お花見\n楽しかった！",
        [("image", "image/jpeg", PHOTO, "DSC00012.jpg")]),
    "docomo_rfc_violating": Expected(
        "a..b.@docomo.ne.jp", "docomo", "朝", "おはよう",
        [("image", "image/jpeg", PHOTO, "P1000123.JPG")],
        recipients=(POST_DOCOMO, "friend@example.com", "jiro@docomo.ne.jp")),
    "docomo_split_subject": Expected(
        "taro.y@docomo.ne.jp", "docomo", "週末は\u2600お出かけ",
        "海に行きます\u2600\n\u301c楽しみ\u301c"),
    "au_jis_emoji": Expected(
        "kenta_au@ezweb.ne.jp", "au", "天気\u2600\u2601",
        f"明日は晴れ\u2600のち曇り\u2601\n乾杯🍷\u2764{EZ_MARK}", recipients=(POST_AU,),
        message_id="<200904212210.n3LDA1xM012345@nxev03mp05.ezweb.ne.jp>"),
    "au_attached": Expected(
        "kenta_au@ezweb.ne.jp", "au", "紅葉", "山がきれい\u2600",
        [("image", "image/jpeg", PHOTO, "20091010photo01.jpg")]),
    "au_row13": Expected("kenta_au@ezweb.ne.jp", "au", "予定①", "①会議②㈱山田\n\u2600"),
    "au_raw_subject": Expected("kenta_au@ezweb.ne.jp", "au", "雪\u2601 2010", "寒い"),
    "au_decomail": Expected("kenta_au@ezweb.ne.jp", "au", "お礼", "ありがとう\u2764"),
    "au_sjis": Expected("Kenta.AU@ezweb.ne.jp", "au", "七夕\u2600", "願い事\u2764ﾃｽﾄ"),
    "au_movie": Expected(
        "kenta_au@ezweb.ne.jp", "au", "動画", "猫です",
        [("video", "video/3gpp2", len(AU_MOVIE), "MOV0001.3g2")]),
    "softbank_sjis": Expected(
        "momo.s@softbank.ne.jp", "softbank", "カラオケ🎤", "歌いに行こう🎤\u2600\n疲れた😥",
        recipients=(POST_SOFTBANK,), sender_header="momo.s@softbank.ne.jp",
        message_id="<50DE1A2B3C4D.0016E68C4366>"),
    "softbank_utf8": Expected(
        "momo.s@softbank.ne.jp", "softbank", "晴れ\u2600", f"たこ焼き🐙食べた\n渋谷{SHIBUYA}にて",
        sender_header="momo.s@softbank.ne.jp"),
    "softbank_blank": Expected("momo.s@softbank.ne.jp", "softbank", "", "",
                               sender_header="momo.s@softbank.ne.jp"),
    "softbank_sjis_filename": Expected(
        "momo.s@softbank.ne.jp", "softbank", "写真", "どう？",
        [("image", "image/jpeg", PHOTO, "表紙.jpg")], sender_header="momo.s@softbank.ne.jp"),
    "iphone_jis_kana": Expected(
        "hanako.i@i.softbank.jp", "softbank", "カフェ", "新しいｶﾌｪ①",
        [("image", "image/jpeg", PHOTO, "写真.JPG")], recipients=(POST_IPHONE,)),
    "iphone_cp932": Expected(
        "hanako.i@i.softbank.jp", "softbank", "公園", "公園なう\u2600ｲｲ天気",
        [("image", "image/jpeg", PHOTO, "photo.JPG")]),
    "pc_rfc2047_filename": Expected(
        "Yamada.Taro@example.com", None, "運動会 2010", "写真を送ります。",
        [("image", "image/jpeg", PHOTO, "運動会.jpg"), ("image", "image/png", len(ICON_PNG),
                                                       "map.png")],
        message_id="<000a01cb6869$1c2d3e40$0201a8c0@pc01>"),
    "willcom_airh": Expected("pocket@wm.pdx.ne.jp", "willcom", "春", "桜\u2600満開"),
}


def read(name: str) -> IncomingMail:
    return read_mail(load(name))


def test_the_corpus_holds_at_least_15_mails_and_each_has_its_expectations() -> None:
    assert len(MAILS) >= 15
    assert set(EXPECTED) == set(MAILS)


def test_the_corpus_files_are_what_the_builder_writes(tmp_path: Path) -> None:
    for path in write(tmp_path):
        assert path.read_bytes() == load(path.stem), path.name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_corpus_mail_reads_as_its_sender_wrote_it(name: str) -> None:
    mail, expected = read(name), EXPECTED[name]
    assert mail.sender == expected.sender
    assert mail.carrier == expected.carrier
    assert mail.subject == expected.subject
    assert mail.body == expected.body
    got = [(a.kind, a.content_type, len(a.data), a.filename) for a in mail.attachments]
    assert got == expected.attachments
    if expected.recipients:
        assert mail.recipients == expected.recipients
    assert mail.sender_header == expected.sender_header
    if expected.message_id:
        assert mail.message_id == expected.message_id


@pytest.mark.parametrize("name", sorted(MAILS))
def test_no_corpus_mail_reads_with_a_replacement_character_or_private_use(name: str) -> None:
    mail = read(name)
    for text in (mail.subject, mail.body, *(a.filename for a in mail.attachments)):
        assert "\ufffd" not in text
        # carrier private use never leaves the reader: canonical emoji or Google's codes only
        assert not re.search("[\ue000-\uf8ff]", text)
        assert not re.search("[\x00-\x09\x0b-\x1f\x7f]", text)
        assert "\x1b" not in text


@pytest.mark.parametrize("name", sorted(set(MAILS) - {"docomo_geta"}))
def test_only_docomos_gateway_mail_holds_geta_marks(name: str) -> None:
    mail = read(name)
    assert "〓" not in mail.subject + mail.body


def test_attachments_carry_the_bytes_that_were_sent() -> None:
    assert read("docomo_decomail").attachments[0].data == PHOTO_JPEG
    assert read("au_movie").attachments[0].data == AU_MOVIE
    assert read("pc_rfc2047_filename").attachments[1].data == ICON_PNG


def test_decomail_decoration_is_not_an_attachment() -> None:
    for name in ("docomo_decomail", "au_decomail"):
        assert DECO_GIF not in [a.data for a in read(name).attachments]
    assert read("au_decomail").attachments == ()


def test_the_same_emoji_from_three_carriers_and_the_web_is_one_character() -> None:
    import emoji_maps

    web = emoji_maps.decode(b"\xf8\x9f", "docomo")
    assert web == "\u2600"
    assert read("docomo_sjis_emoji").subject.endswith(web)
    assert read("au_jis_emoji").subject == "天気" + web + "\u2601"
    assert read("softbank_utf8").subject.endswith(web)
    assert "公園なう" + web in read("iphone_cp932").body


@pytest.mark.parametrize("name", sorted(MAILS))
def test_a_corpus_mail_delivered_with_bare_lf_line_ends_reads_the_same(name: str) -> None:
    assert read_mail(load(name).replace(b"\r\n", b"\n")) == read(name)


@settings(max_examples=300, deadline=None)
@given(name=st.sampled_from(sorted(MAILS)), cut=st.integers(min_value=0),
       noise=st.binary(max_size=40), at=st.integers(min_value=0))
def test_a_damaged_mail_is_read_or_refused_but_never_crashes_the_reader(
        name: str, cut: int, noise: bytes, at: int) -> None:
    raw = load(name)
    raw = raw[:cut % (len(raw) + 1)]
    position = at % (len(raw) + 1)
    raw = raw[:position] + noise + raw[position:]
    try:
        mail = read_mail(raw)
    except UnreadableMail as refused:
        assert refused.message
        return
    assert "\ufffd" not in mail.subject + mail.body
