"""Decoding an upload: JPEG, GIF and PNG only, known by content, within a memory budget."""
from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image
from sqlalchemy import select

from keitai.db import db
from keitai.features.profile.images import NOT_AN_IMAGE, TOO_LARGE
from keitai.models import Photo
from tests.social.photos import camera_jpeg, upload


def stored_photo(app) -> tuple[str, bytes] | None:
    """Return (key, data) of the one stored photo, or None."""
    with app.app_context():
        row = db.session.execute(select(Photo.key, Photo.data)).first()
        return (row.key, bytes(row.data)) if row else None


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data)))


def palette_png(width: int, height: int) -> bytes:
    """A valid one-colour palette PNG; rows of zeros compress about a thousand to one."""
    packer = zlib.compressobj(9)
    row = bytes(width + 1)  # filter byte, then one palette index a pixel
    pixels = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    return (b"\x89PNG\r\n\x1a\n"
            + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0))
            + _chunk(b"PLTE", b"\x20\x80\x20") + _chunk(b"IDAT", pixels)
            + _chunk(b"IEND", b""))


def jpeg_claiming(width: int, height: int, **options: object) -> bytes:
    """A small JPEG whose frame header (SOF) is rewritten to claim width x height."""
    out = io.BytesIO()
    Image.new("RGB", (16, 16), (200, 30, 30)).save(out, "JPEG", **options)
    data = bytearray(out.getvalue())
    pos = 2
    while data[pos + 1] not in (0xC0, 0xC1, 0xC2):  # walk the marker segments to the SOF
        pos += 2 + int.from_bytes(data[pos + 2:pos + 4], "big")
    data[pos + 5:pos + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def psd(width: int = 40, height: int = 30) -> bytes:
    """A flat RGB Photoshop file, uncompressed."""
    header = b"8BPS" + struct.pack(">H6xHIIHH", 1, 3, height, width, 8, 3)
    return header + bytes(12) + struct.pack(">H", 0) + bytes(3 * width * height)


def saved(fmt: str, mode: str = "RGB", size: tuple[int, int] = (40, 30),
          **options: object) -> bytes:
    """An image in a format Pillow writes."""
    out = io.BytesIO()
    Image.new(mode, size, 128 if mode in ("L", "P", "I;16") else (30, 90, 200)).save(
        out, fmt, **options)
    return out.getvalue()


@pytest.mark.parametrize(("width", "height", "why"), [
    (8000, 8000, "more pixels than MAX_PIXELS"),
    (3000, 3000, "a palette decoded and converted to RGB passes MEMORY_BUDGET"),
])
def test_a_small_png_that_would_fill_the_memory_is_refused_before_it_is_decoded(
        app, member, logged_in, width, height, why) -> None:
    browser = logged_in("pc-Firefox", member("はなこ"))
    upload(browser, camera_jpeg())
    before = stored_photo(app)
    bomb = palette_png(width, height)
    assert len(bomb) < 64 * 1024
    refused = upload(browser, bomb, "photo.png")
    assert TOO_LARGE in browser.text(refused), why
    assert stored_photo(app) == before


def test_a_png_whose_text_would_inflate_past_the_budget_is_refused_before_it_is_read(
        app, member, logged_in) -> None:
    plain = saved("PNG")
    text = _chunk(b"zTXt", b"Comment\0\0" + zlib.compress(b"a" * 1_000_000, 9))
    bomb = plain[:33] + text * 80 + plain[33:]  # after the signature and IHDR
    assert len(bomb) < 200 * 1024
    browser = logged_in("pc-Firefox", member("はなこ"))
    assert TOO_LARGE in browser.text(upload(browser, bomb, "photo.png"))
    assert stored_photo(app) is None
    assert "写真を登録しました。" in browser.text(
        upload(browser, plain[:33] + text * 3 + plain[33:], "photo.png").follow())


def test_a_progressive_jpeg_whose_decoder_would_keep_too_much_is_refused(app, member,
                                                                        logged_in) -> None:
    # a progressive decoder keeps every DCT coefficient of the full-size image: 24 Mpx in
    # 4:2:0 is 72 MB however small the decoded copy is made
    browser = logged_in("pc-Firefox", member("はなこ"))
    bomb = jpeg_claiming(6000, 4000, progressive=True)
    assert Image.open(io.BytesIO(bomb)).size == (6000, 4000)
    assert TOO_LARGE in browser.text(upload(browser, bomb))
    assert stored_photo(app) is None


def test_a_twelve_megapixel_camera_photo_is_accepted(app, member, logged_in) -> None:
    browser = logged_in("docomo-N06A", member("はなこ"))
    done = upload(browser, camera_jpeg(4000, 3000))
    assert "写真を登録しました。" in browser.text(done.follow())
    with app.app_context():
        photo = db.session.scalars(select(Photo)).one()
        assert (photo.width, photo.height) == (480, 640)


@pytest.mark.parametrize(("kind", "data"), [
    ("transparent palette PNG", lambda: saved("PNG", "P", (2000, 2000), transparency=0)),
    ("16-bit grey PNG", lambda: saved("PNG", "I;16", (2000, 2000))),
    ("RGBA PNG", lambda: saved("PNG", "RGBA", (2000, 2000))),
    ("progressive 4:4:4 JPEG", lambda: saved("JPEG", "RGB", (2000, 2000), progressive=True,
                                             subsampling=0)),
    ("CMYK JPEG", lambda: saved("JPEG", "CMYK", (2000, 2000), progressive=True)),
    ("GIF", lambda: saved("GIF", "P", (2000, 2000))),
])
def test_an_image_2000_pixels_a_side_of_the_costliest_kinds_is_accepted(
        app, member, logged_in, kind, data) -> None:
    browser = logged_in("pc-Firefox", member("はなこ"))
    done = upload(browser, data(), "photo")
    assert "写真を登録しました。" in browser.text(done.follow()), kind
    with app.app_context():
        photo = db.session.scalars(select(Photo)).one()
        assert (photo.width, photo.height) == (640, 640)


@pytest.mark.parametrize(("fmt", "data"), [
    ("TIFF", lambda: saved("TIFF")),
    ("BMP", lambda: saved("BMP")),
    ("WEBP", lambda: saved("WEBP")),
    ("PSD", psd),
    ("ICO", lambda: saved("ICO", size=(32, 32))),
])
def test_only_jpeg_gif_and_png_are_decoded_whatever_the_file_is_called(
        app, member, logged_in, fmt, data) -> None:
    browser = logged_in("pc-Firefox", member("はなこ"))
    upload(browser, camera_jpeg())
    before = stored_photo(app)
    content = data()
    assert Image.open(io.BytesIO(content)).format == fmt  # Pillow itself would read it
    refused = upload(browser, content, "photo.jpg", "image/jpeg")
    assert NOT_AN_IMAGE in browser.text(refused)
    assert stored_photo(app) == before


def test_an_image_is_known_by_its_content_not_its_name_or_type(app, member,
                                                                logged_in) -> None:
    browser = logged_in("pc-Firefox", member("はなこ"))
    done = upload(browser, saved("PNG"), "photo.gif", "image/gif")
    assert "写真を登録しました。" in browser.text(done.follow())
    with app.app_context():
        assert db.session.scalars(select(Photo.content_type)).one() == "image/jpeg"


def test_an_animated_gif_is_stored_from_its_first_frame_only(app, member, logged_in) -> None:
    frames = [Image.new("P", (1000, 1000), index % 2) for index in range(40)]
    for frame in frames:
        frame.putpalette([220, 20, 20, 20, 20, 220] + [0] * 762)
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=100)
    browser = logged_in("pc-Firefox", member("はなこ"))
    done = upload(browser, out.getvalue(), "anim.gif")
    assert "写真を登録しました。" in browser.text(done.follow())
    with app.app_context():
        stored = Image.open(io.BytesIO(db.session.scalars(select(Photo.data)).one()))
        red, green, blue = stored.convert("RGB").getpixel((320, 320))
        assert red > 180 and blue < 60
