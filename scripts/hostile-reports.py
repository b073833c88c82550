#!/usr/bin/env python3
"""Writes the small hostile reports whose costs the README's Limits section gives.

Usage: scripts/hostile-reports.py DIR, then for each DIR/X.md:
    /usr/bin/time -f "%e s %M KB" folio build DIR/X.md -o out --pptx
"""
import os
import random
import struct
import sys
import zlib


def png(width, height, colour_type, rows):
    """A PNG of the given pixel rows (each with its filter byte)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"".join(rows), 1)) + chunk(b"IEND", b""))


def main(out):
    os.makedirs(out, exist_ok=True)
    def write(name, text):
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            f.write(text)
    write("brackets.md", "---\ntitle: x\nk: " + "[" * 100000 + "]" * 100000 + "\n---\n\n# A\n\ntext\n")
    write("bold.md", "# A\n\n" + "<b>" * 40000 + "x" + "</b>" * 40000 + "\n")
    write("footnotes.md", "# A\n\n" + "".join(f"word[^{i}] " for i in range(8000)) + "\n\n"
          + "".join(f"[^{i}]: note {i}\n" for i in range(8000)))
    write("headings.md", "#\n\n" * 20000)
    write("headings2.md", "".join(f"## h{i}\n\n" for i in range(20000)))
    cells = 20000
    write("columns.md", "# A\n\n|" + "|".join(f"c{i}" for i in range(cells)) + "|\n|"
          + "|".join("-" * 1 for _ in range(cells)) + "|\n|" + "|".join("1" for _ in range(cells)) + "|\n")
    random.seed(1)
    rows = [b"\x00" + random.randbytes(1500 * 3) for _ in range(1500)]
    with open(os.path.join(out, "noise.png"), "wb") as f:
        f.write(png(1500, 1500, 2, rows))
    spellings = ["noise.png", "./noise.png", "noise.png?x", "./././noise.png"]
    write("manyrefs.md", "# A\n\n" + "".join(f"![p{i}]({spellings[i % 4]})\n\n" for i in range(20)))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
