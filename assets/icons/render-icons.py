#!/usr/bin/env python3
"""Renders nianbao.svg's drawing as PNG icons in the usual sizes (needs Pillow).

The drawing is simple enough to repeat here with Pillow, so no SVG renderer is needed:
    python3 assets/icons/render-icons.py

The Windows icon (nianbao.ico, embedded in nianbao.exe and used for .ron drafts) is made from the
PNGs with Debian's icoutils:
    icotool -c -o nianbao.ico nianbao-{16,32,48,64,128}.png -r nianbao-256.png
"""
import os
from PIL import Image, ImageDraw

RED, GREY, WHITE = (200, 22, 29, 255), (91, 103, 112, 255), (255, 255, 255, 255)


def draw(size):
    scale = 4  # draw large, then shrink, for smooth edges
    s = size * scale / 256.0
    img = Image.new("RGBA", (size * scale, size * scale), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    P = lambda *xs: [x * s for x in xs]
    d.rounded_rectangle(P(36, 16, 220, 240), radius=14 * s, fill=WHITE, outline=GREY, width=int(8 * s))
    d.rounded_rectangle(P(36, 16, 220, 62), radius=14 * s, fill=RED)
    d.rectangle(P(36, 46, 220, 62), fill=RED)
    for y in (96, 132, 168):
        d.line(P(60, y, 196, y), fill=GREY, width=int(6 * s))
    d.line(P(60, 204, 150, 204), fill=GREY, width=int(6 * s))
    d.line(P(108, 80, 108, 184), fill=GREY, width=int(6 * s))
    d.ellipse(P(150, 162, 218, 230), fill=RED)
    d.line(P(166, 196, 178, 209, 202, 182), fill=WHITE, width=int(9 * s), joint="curve")
    return img.resize((size, size), Image.LANCZOS)


here = os.path.dirname(os.path.abspath(__file__))
for size in (16, 32, 48, 64, 128, 256):
    draw(size).save(os.path.join(here, f"nianbao-{size}.png"))
print("ok")
