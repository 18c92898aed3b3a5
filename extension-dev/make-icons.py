#!/usr/bin/env python3
"""Draws the toolbar icons (a green rounded square with a white "send" arrow) as PNGs.

Run from the repository root: python3 extension-dev/make-icons.py. The PNGs are committed; this
script is here so they can be redrawn. Standard library only (zlib + struct), 4x4 supersampling.
"""
import struct
import zlib
from pathlib import Path

GREEN = (26, 137, 23)
WHITE = (255, 255, 255)
SIZES = (16, 32, 48, 96, 128)
SAMPLES = 4


def inside_rounded_square(x, y):
    radius = 0.22
    cx = min(max(x, radius), 1 - radius)
    cy = min(max(y, radius), 1 - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius**2


def inside_arrow(x, y):
    """A paper-plane-like arrow pointing up-right, in unit coordinates (y grows downwards)."""
    # Shaft: a thick line from bottom-left to the tip, measured as distance to the segment.
    ax, ay, bx, by = 0.27, 0.73, 0.66, 0.34
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
    px, py = ax + t * dx, ay + t * dy
    if (x - px) ** 2 + (y - py) ** 2 <= 0.075**2:
        return True
    # Head: the triangle with the right angle at the top-right corner.
    tip_x, tip_y, size = 0.76, 0.24, 0.36
    return x <= tip_x and y >= tip_y and (tip_x - x) + (y - tip_y) <= size


def pixel(size, px, py):
    coverage_bg = coverage_fg = 0
    for sy in range(SAMPLES):
        for sx in range(SAMPLES):
            x = (px + (sx + 0.5) / SAMPLES) / size
            y = (py + (sy + 0.5) / SAMPLES) / size
            if inside_rounded_square(x, y):
                coverage_bg += 1
                if inside_arrow(x, y):
                    coverage_fg += 1
    total = SAMPLES * SAMPLES
    if coverage_bg == 0:
        return (0, 0, 0, 0)
    fg = coverage_fg / coverage_bg
    rgb = tuple(round(g * (1 - fg) + w * fg) for g, w in zip(GREEN, WHITE))
    return rgb + (round(255 * coverage_bg / total),)


def png(size):
    rows = b"".join(
        b"\x00" + b"".join(bytes(pixel(size, x, y)) for x in range(size)) for y in range(size)
    )

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def main():
    out = Path("extension/icons")
    out.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        (out / f"icon-{size}.png").write_bytes(png(size))


if __name__ == "__main__":
    main()
