"""Lays page pictures out in a grid on one PNG, a thin border round each, reduced to
an adaptive palette so a sheet of twenty slides stays a few hundred KB.

  python scripts/contact_sheet.py OUT.png COLUMNS PAGE.png...
"""

import sys

from PIL import Image, ImageDraw

GAP = 12
BORDER = (200, 200, 200)
BACKGROUND = (255, 255, 255)


def sheet(pages, columns):
    width = max(p.width for p in pages)
    height = max(p.height for p in pages)
    rows = -(-len(pages) // columns)
    out = Image.new("RGB", (GAP + columns * (width + GAP), GAP + rows * (height + GAP)), BACKGROUND)
    draw = ImageDraw.Draw(out)
    for i, page in enumerate(pages):
        x = GAP + (i % columns) * (width + GAP)
        y = GAP + (i // columns) * (height + GAP)
        out.paste(page, (x, y))
        draw.rectangle((x - 1, y - 1, x + page.width, y + page.height), outline=BORDER)
    return out


def main():
    if len(sys.argv) < 4:
        sys.exit("usage: contact_sheet.py OUT.png COLUMNS PAGE.png...")
    pages = [Image.open(p).convert("RGB") for p in sys.argv[3:]]
    picture = sheet(pages, int(sys.argv[2]))
    picture.quantize(colors=128, method=Image.Quantize.MEDIANCUT).save(sys.argv[1], optimize=True)


if __name__ == "__main__":
    main()
