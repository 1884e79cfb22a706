"""Profile photos for demo members, drawn with Pillow: a badge with the member's initials.

Each avatar is a coloured square with a soft pattern behind a round badge that carries one or
two Latin initials, drawn at twice its size and shrunk so that its edges are smooth. The same
initials and random generator give the same picture. The result is a PNG, which the seed then
stores as an upload would be (keitai.features.profile.images.normalise).
"""
from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw, ImageFont

#: the avatar's side in pixels: the widest variant a handset is served (images.WIDTHS)
SIDE = 240
#: drawn at this many times SIDE, then shrunk, for smooth edges
_SCALE = 3
#: (background, pattern, badge) colours; the initials are white on the badge
PALETTES: tuple[tuple[tuple[int, int, int], ...], ...] = (
    ((255, 224, 230), (255, 196, 208), (224, 64, 112)),   # sakura
    ((220, 238, 255), (190, 220, 250), (40, 110, 200)),    # sky
    ((226, 246, 222), (196, 232, 190), (56, 150, 80)),     # matcha
    ((255, 240, 210), (252, 222, 170), (230, 130, 30)),    # mikan
    ((236, 228, 255), (214, 200, 250), (120, 80, 200)),    # fuji
    ((255, 250, 214), (246, 236, 160), (200, 160, 20)),    # yuzu
    ((222, 244, 244), (186, 228, 228), (30, 140, 150)),    # umi
    ((240, 232, 224), (222, 206, 190), (140, 90, 60)),     # kinako
)


def _pattern(draw: ImageDraw.ImageDraw, rng: random.Random, side: int,
             colour: tuple[int, int, int]) -> None:
    """Draw one of three quiet backgrounds: dots, diagonal stripes or rings."""
    kind = rng.randrange(3)
    step = side // 8
    if kind == 0:
        radius = step // 5
        for row in range(9):
            for col in range(9):
                x, y = col * step + (step // 2 if row % 2 else 0), row * step
                draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour)
    elif kind == 1:
        for offset in range(-side, side, step):
            draw.line((offset, side, offset + side, 0), fill=colour, width=step // 3)
    else:
        cx, cy = rng.choice(((0, 0), (side, 0), (0, side), (side, side)))
        for radius in range(step, 2 * side, step):
            draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius),
                         outline=colour, width=step // 4)


def avatar(initials: str, rng: random.Random) -> bytes:
    """Return a PNG avatar with the initials (one or two Latin letters) on a round badge."""
    background, pattern, badge = rng.choice(PALETTES)
    side = SIDE * _SCALE
    image = Image.new("RGB", (side, side), background)
    draw = ImageDraw.Draw(image)
    _pattern(draw, rng, side, pattern)
    margin = side // 6
    shadow = side // 40
    draw.ellipse((margin + shadow, margin + shadow, side - margin + shadow,
                  side - margin + shadow), fill=tuple(c * 3 // 4 for c in pattern))
    draw.ellipse((margin, margin, side - margin, side - margin), fill=badge,
                 outline=(255, 255, 255), width=side // 60)
    letters = initials.upper()[:2]
    font = ImageFont.load_default(size=side // (3 if len(letters) < 2 else 4))
    draw.text((side // 2, side // 2), letters, fill=(255, 255, 255), font=font, anchor="mm")
    small = image.resize((SIDE, SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    small.save(out, "PNG")
    return out.getvalue()
