#!/usr/bin/python3
"""Draws resources/icons/inception-workbench.png: an Inception unit as a glyph, four
branches of different widths joined by a concatenation bar. Run it after changing the design;
the PNG is committed so that builds need no image tools."""
from pathlib import Path

from PIL import Image, ImageDraw

SIZE = 256
SCALE = 4  # drawn large, then scaled down for smooth edges


def main() -> None:
    s = SIZE * SCALE
    image = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle([8 * SCALE, 8 * SCALE, s - 8 * SCALE, s - 8 * SCALE],
                           radius=48 * SCALE, fill=(24, 44, 74, 255))
    top, bottom = 60 * SCALE, 168 * SCALE
    colours = [(86, 180, 233), (230, 159, 0), (0, 158, 115), (204, 121, 167)]
    widths = [22, 34, 28, 16]
    x = 46 * SCALE
    for colour, width in zip(colours, widths):
        w = width * SCALE
        draw.rounded_rectangle([x, top, x + w, bottom], radius=6 * SCALE, fill=colour + (255,))
        x += w + 14 * SCALE
    draw.rounded_rectangle([40 * SCALE, 180 * SCALE, s - 40 * SCALE, 204 * SCALE],
                           radius=8 * SCALE, fill=(240, 240, 240, 255))
    draw.rounded_rectangle([100 * SCALE, 36 * SCALE, s - 100 * SCALE, 50 * SCALE],
                           radius=6 * SCALE, fill=(240, 240, 240, 255))
    out = Path(__file__).resolve().parent.parent / "resources/icons/inception-workbench.png"
    image.resize((SIZE, SIZE), Image.LANCZOS).save(out, optimize=True)
    print(out)


if __name__ == "__main__":
    main()
