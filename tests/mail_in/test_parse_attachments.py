"""Attachments: typed by their bytes, named for display, decoration left out."""
from __future__ import annotations

import base64

import pytest

from keitai.mail_in.parse import Attachment, read_mail
from keitai.mail_in.parse_parts import is_camera_photo, sniff
from tests.mail_in.mails import DECO_GIF, ICON_PNG, PHOTO_JPEG, b64, jis, mail, sjis

NO_EXIF_JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" \
               b"\xff\xdb\x00\x04\x00\x00\xff\xda\x00\x02" + bytes(40) + b"\xff\xd9"


def ftyp(major: bytes, *compatible: bytes) -> bytes:
    box = major + b"\x00\x00\x02\x00" + b"".join(compatible)
    return (8 + len(box)).to_bytes(4, "big") + b"ftyp" + box + b"\x00\x00\x00\x08mdat"


def with_parts(*parts: bytes, sender: str = "a@docomo.ne.jp") -> bytes:
    body = b"".join(b"--b\r\n" + part + b"\r\n" for part in parts) + b"--b--\r\n"
    return mail([f"From: {sender}", "To: p@post.example.jp",
                 'Content-Type: multipart/mixed; boundary="b"'], body)


def part(headers: list[bytes], data: bytes, encode: bool = True) -> bytes:
    return b"\r\n".join(headers) + b"\r\n\r\n" + (b64(data) if encode else data)


def only(raw: bytes) -> Attachment:
    [attachment] = read_mail(raw).attachments
    return attachment


@pytest.mark.parametrize(("data", "content_type", "kind"), [
    (PHOTO_JPEG, "image/jpeg", "image"),
    (DECO_GIF, "image/gif", "image"),
    (b"GIF89a" + bytes(10), "image/gif", "image"),
    (ICON_PNG, "image/png", "image"),
    (ftyp(b"3gp4", b"3gp4", b"3gp5"), "video/3gpp", "video"),
    (ftyp(b"3g2a", b"3g2a", b"KDDI"), "video/3gpp2", "video"),
    (ftyp(b"kddi", b"3g2a"), "video/3gpp2", "video"),
    (ftyp(b"mp42", b"isom"), "video/mp4", "video"),
    (ftyp(b"isom", b"iso2", b"avc1", b"mp41"), "video/mp4", "video"),
    (ftyp(b"M4V ", b"M4V "), "video/mp4", "video"),
    (ftyp(b"qt  ", b"qt  "), "video/quicktime", "video"),
    (ftyp(b"xxxx", b"yyyy", b"3gp6"), "video/3gpp", "video"),  # by a compatible brand
    (ftyp(b"heic", b"mif1"), None, "other"),
    (b"BM" + bytes(60), None, "other"),
    (b"%PDF-1.4", None, "other"),
    (b"", None, "other"),
])
def test_the_type_and_kind_come_from_the_bytes(data: bytes, content_type: str | None,
                                               kind: str) -> None:
    assert sniff(data) == (content_type, kind)


def test_the_declared_type_never_decides() -> None:
    lying = part([b"Content-Type: video/3gpp; name=a.3gp", b"Content-Transfer-Encoding: base64",
                  b"Content-Disposition: attachment; filename=a.3gp"], PHOTO_JPEG)
    assert (only(with_parts(lying)).kind, only(with_parts(lying)).content_type) == \
        ("image", "image/jpeg")
    pjpeg = part([b"Content-Type: image/pjpeg", b"Content-Transfer-Encoding: base64"], PHOTO_JPEG)
    assert only(with_parts(pjpeg)).content_type == "image/jpeg"
    octets = part([b"Content-Type: application/octet-stream; name=x.bin",
                   b"Content-Transfer-Encoding: base64"], ftyp(b"3gp4"))
    assert (only(with_parts(octets)).kind, only(with_parts(octets)).content_type) == \
        ("video", "video/3gpp")
    unknown = part([b"Content-Type: application/x-smaf; name=melody.mmf",
                    b"Content-Transfer-Encoding: base64"], b"MMMD" + bytes(30))
    got = only(with_parts(unknown))
    assert (got.kind, got.content_type, got.filename) == ("other", "application/x-smaf",
                                                          "melody.mmf")


def test_a_photo_sent_base64_without_saying_so_is_still_a_photo() -> None:
    forgot = part([b"Content-Type: image/jpeg; name=a.jpg"], PHOTO_JPEG)
    assert only(with_parts(forgot)).data == PHOTO_JPEG
    says_8bit = part([b"Content-Type: image/jpeg", b"Content-Transfer-Encoding: 8bit"],
                     PHOTO_JPEG)
    assert only(with_parts(says_8bit)).data == PHOTO_JPEG


def test_an_empty_part_is_no_attachment() -> None:
    empty = part([b"Content-Type: image/jpeg", b"Content-Transfer-Encoding: base64"], b"")
    assert read_mail(with_parts(empty)).attachments == ()


@pytest.mark.parametrize(("params", "filename"), [
    (b'; name="photo.jpg"', "photo.jpg"),
    (b"; name=photo.jpg", "photo.jpg"),
    (b'; name="' + sjis("表紙.jpg") + b'"', "表紙.jpg"),  # raw Shift_JIS, 5C inside
    (b'; name="' + "夏.jpg".encode() + b'"', "夏.jpg"),  # raw UTF-8
    (b'; name="=?Shift_JIS?B?' + base64.b64encode(sjis("運動会.jpg")) + b'?="', "運動会.jpg"),
    (b"; name*=utf-8''%E5%A4%8F.jpg", "夏.jpg"),
    (b"; name*=UTF-8'ja'%E5%A4%8F.jpg; name=__.jpg", "夏.jpg"),
    (b"; name*0*=iso-2022-jp''%1B%24B%3CL; name*1*=%3F%3F%1B%28B; name*2=.JPG", "写真.JPG"),
    (b'; name="C:\\\\My Pictures\\\\dog.jpg"', "dog.jpg"),
    (b"", ""),
])
def test_names_are_decoded_for_display(params: bytes, filename: str) -> None:
    named = part([b"Content-Type: image/jpeg" + params, b"Content-Transfer-Encoding: base64"],
                 PHOTO_JPEG)
    assert only(with_parts(named)).filename == filename


def test_the_disposition_filename_comes_before_the_type_name() -> None:
    named = part([b"Content-Type: image/jpeg; name=__.JPG", b"Content-Transfer-Encoding: base64",
                  b"Content-Disposition: attachment;\r\n filename*=utf-8''%E7%8A%AC.jpg"],
                 PHOTO_JPEG)
    assert only(with_parts(named)).filename == "犬.jpg"


def decomail(image: bytes, *image_headers: bytes) -> bytes:
    markup = b'<html><body>' + jis("やあ") + b'<img src="cid:pic01@docomo.ne.jp"></body></html>'
    return with_parts(
        part([b"Content-Type: text/plain; charset=ISO-2022-JP"], jis("やあ"), encode=False),
        part([b"Content-Type: text/html; charset=ISO-2022-JP"], markup, encode=False),
        part([b"Content-Type: image/gif", b"Content-Transfer-Encoding: base64",
              *image_headers], image))


def test_an_image_the_html_shows_by_cid_is_decoration() -> None:
    assert read_mail(decomail(DECO_GIF, b"Content-ID: <pic01@docomo.ne.jp>")).attachments == ()
    assert read_mail(decomail(NO_EXIF_JPEG, b"Content-ID: <PIC01@docomo.ne.jp>")).attachments \
        == ()
    assert read_mail(decomail(DECO_GIF, b"Content-Location: cid:x",
                              b"Content-ID: <pic01@docomo.ne.jp>",
                              b"Content-Disposition: inline")).attachments == ()


def test_an_image_the_html_does_not_show_or_that_is_attached_or_a_photo_stays() -> None:
    other_id = decomail(DECO_GIF, b"Content-ID: <pic02@docomo.ne.jp>")
    attached = decomail(DECO_GIF, b"Content-ID: <pic01@docomo.ne.jp>",
                        b"Content-Disposition: attachment; filename=deco.gif")
    photo = decomail(PHOTO_JPEG, b"Content-ID: <pic01@docomo.ne.jp>")
    assert [a.data for a in read_mail(other_id).attachments] == [DECO_GIF]
    assert [a.filename for a in read_mail(attached).attachments] == ["deco.gif"]
    assert [a.content_type for a in read_mail(photo).attachments] == ["image/jpeg"]


def test_a_camera_photo_is_told_by_its_exif() -> None:
    assert is_camera_photo(PHOTO_JPEG)
    assert not is_camera_photo(NO_EXIF_JPEG)
    assert not is_camera_photo(DECO_GIF)
    assert not is_camera_photo(b"\xff\xd8\xff")


def test_a_300_kb_photo_mail_reads_whole() -> None:
    photo = PHOTO_JPEG[:-2] + bytes(300 * 1024) + b"\xff\xd9"
    raw = with_parts(part([b"Content-Type: text/plain; charset=ISO-2022-JP"], jis("重い"),
                          encode=False),
                     part([b"Content-Type: image/jpeg", b"Content-Transfer-Encoding: base64"],
                          photo), sender="a@ezweb.ne.jp")
    got = read_mail(raw)
    assert got.body == "重い"
    assert got.attachments[0].data == photo
