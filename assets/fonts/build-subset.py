#!/usr/bin/env python3
"""Rebuilds assets/fonts/NotoSansSC-GBK.otf, the CJK font nianbao embeds.

It is Noto Sans SC Regular (SIL Open Font License 1.1, see OFL.txt) cut down to the GBK character
set plus punctuation, Latin and the full-width forms: every character a Chinese government report
can reasonably contain, including the given-name characters that a GB2312 subset misses.

Usage (needs fonttools 4.68, `pip install fonttools==4.68.0`):
    pip download --no-deps -d /tmp/noto pylopdf-fonts-zh-cn==0.1.1
    unzip -o /tmp/noto/pylopdf_fonts_zh_cn-0.1.1-py3-none-any.whl -d /tmp/noto
    python3 assets/fonts/build-subset.py /tmp/noto/pylopdf_fonts_zh_cn/NotoSansSC-Regular.otf
"""
import os
import subprocess
import sys
import tempfile


def gbk_code_points():
    """Every character GBK encodes (double-byte area 0x81-0xFE x 0x40-0xFE)."""
    points = set()
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            if trail == 0x7F:
                continue
            try:
                ch = bytes([lead, trail]).decode("gbk")
            except UnicodeDecodeError:
                continue
            points.add(ord(ch))
    return points


def extras():
    """ASCII, Latin-1, general punctuation, enclosed numbers, CJK punctuation, full-width forms."""
    ranges = [(0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x2460, 0x24FF),
              (0x3000, 0x303F), (0xFF00, 0xFFEF)]
    points = {p for a, b in ranges for p in range(a, b + 1)}
    points.update(ord(c) for c in "€№℃")
    return points


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    source = sys.argv[1]
    here = os.path.dirname(os.path.abspath(__file__))
    target = os.path.join(here, "NotoSansSC-GBK.otf")
    points = sorted(gbk_code_points() | extras())
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write(",".join(f"U+{p:04X}" for p in points))
        unicodes = f.name
    subprocess.run(
        [sys.executable, "-m", "fontTools.subset", source,
         f"--unicodes-file={unicodes}", "--layout-features=*",
         "--no-hinting", "--desubroutinize", f"--output-file={target}"],
        check=True,
    )
    os.unlink(unicodes)
    print(f"{target}: {os.path.getsize(target)} bytes, {len(points)} code points")


if __name__ == "__main__":
    main()
