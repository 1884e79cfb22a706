"""Demo albums for the showcase members: a few albums of drawn photos, at each visibility, and
photos on a diary, stored as uploads are (keitai.features.albums.pictures.add_picture).

The photos are landscapes drawn with Pillow (a sky, a sun or a moon, hills, water, a few
trees), different for every seed. Their variants are made at once, as the worker would,
so the demo shows them without waiting for the queue.
"""
from __future__ import annotations

import io
import random
from collections.abc import Sequence

from PIL import Image, ImageDraw
from sqlalchemy import select

from keitai.db import db
from keitai.features.albums import pictures, service, variants
from keitai.models.diary import Diary

#: a drawn photo's size: a small camera's 4:3
WIDTH, HEIGHT = 480, 360
#: (album title, description, visibility, captions) for each of the first showcase members
ALBUMS: tuple[tuple[tuple[str, str, str, tuple[str, ...]], ...], ...] = (
    (("夏の旅行", "海と山に行きました。", "everyone", ("海辺", "夕焼け", "山道", "帰り道")),
     ("家族", "マイミクだけに見せます。", "friends", ("庭", "公園")),
     ("ひみつ", "自分用のメモ。", "only_me", ("空",))),
    (("散歩道", "近所の景色です。", "friends_of_friends", ("朝の川", "丘", "夜")),),
    (("ドライブ", "", "everyone", ("湖", "峠", "星空")),),
)
#: (sky top, sky bottom, hills, water) colours, by time of day
_SKIES = (((70, 130, 220), (190, 220, 250), (60, 140, 70), (40, 100, 180)),
          ((240, 120, 60), (250, 210, 140), (90, 90, 60), (180, 100, 90)),
          ((20, 30, 80), (70, 80, 140), (30, 50, 40), (30, 40, 90)))


def landscape(rng: random.Random) -> bytes:
    """Draw a landscape; return it as a JPEG (the seed stores it as an upload would be)."""
    top, bottom, hills, water = rng.choice(_SKIES)
    image = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(image)
    for y in range(HEIGHT):
        share = y / HEIGHT
        draw.line([(0, y), (WIDTH, y)], fill=tuple(
            round(a + (b - a) * share) for a, b in zip(top, bottom, strict=True)))
    sun_x, sun_y = rng.randrange(60, WIDTH - 60), rng.randrange(40, 120)
    draw.ellipse([sun_x - 28, sun_y - 28, sun_x + 28, sun_y + 28], fill=(255, 240, 200))
    for _hill in range(3):
        left = rng.randrange(-200, WIDTH)
        peak = rng.randrange(150, 240)
        draw.polygon([(left, HEIGHT), (left + 180, peak), (left + 380, HEIGHT)],
                     fill=tuple(max(0, c - rng.randrange(0, 30)) for c in hills))
    draw.rectangle([0, 280, WIDTH, HEIGHT], fill=water)
    for _tree in range(rng.randrange(2, 6)):
        x = rng.randrange(10, WIDTH - 10)
        draw.rectangle([x - 2, 250, x + 2, 280], fill=(90, 60, 30))
        draw.ellipse([x - 14, 220, x + 14, 256], fill=(30, 110, 40))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def add_demo_albums(logins: Sequence[int], seed: int = 2007) -> list[int]:
    """Give the first showcase members albums of drawn photos, and the first one's newest
    diary two photos; return the album ids (caller commits)."""
    rng = random.Random(seed)
    made: list[int] = []
    added: list[int] = []
    for owner, albums in zip(logins, ALBUMS, strict=False):
        for number, (title, description, visibility, captions) in enumerate(albums):
            album_id = service.create_album(owner, title, description, visibility,
                                            f"demoalbum{owner:06d}{number:03d}")
            made.append(album_id)
            for caption in captions:
                added.append(pictures.add_picture(owner, landscape(rng), album_id=album_id,
                                                  caption=caption))
    if logins:
        diary = db.session.scalar(select(Diary.id).where(Diary.author_id == logins[0])
                                  .order_by(Diary.created_at.desc()).limit(1))
        if diary is not None:
            for _photo in range(2):
                added.append(pictures.add_picture(logins[0], landscape(rng), diary_id=diary))
    for picture_id in added:  # as the worker would, so the demo shows them at once
        pictures.make_variants(picture_id, variants.standard())
    return made
