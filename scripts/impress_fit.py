"""Reads the decks LibreOffice Impress saved back as .pptx (scripts/validate-pptx.sh) and
counts where Folio's boxes did not hold their text once Impress laid it out:

  - text boxes Impress shrank (`normAutofit fontScale`), those below 90 %, titles shrunk;
  - tables whose rendered bottom (Impress writes the rows' grown heights back) lies
    below the top of the next shape under them or of the footer;
  - shapes whose box runs into the footer;
  - code boxes, and those whose text is in more than one colour (syntax colours).

  python3 scripts/impress_fit.py SAVED_DIR [--report]

Exits non-zero when a box is shrunk below 90 %, a title is shrunk, a table overlaps or
text crosses the footer, unless --report (figures only)."""

import pathlib
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
}
# Rounding between Impress's 1/100 mm and EMU, and a hairline of slack.
TOLERANCE = 12_700


def box(element):
    """(x, y, w, h) of a shape or graphic frame, in EMU, or None."""
    off = element.find(".//a:off", NS)
    ext = element.find(".//a:ext", NS)
    if off is None or ext is None:
        return None
    return tuple(int(v) for v in (off.get("x"), off.get("y"), ext.get("cx"), ext.get("cy")))


def placeholder_type(shape):
    ph = shape.find("./p:nvSpPr/p:nvPr/p:ph", NS)
    if ph is None:
        return None
    return ph.get("type", "body")


def shape_name(shape):
    c = shape.find(".//p:cNvPr", NS)
    return c.get("name", "") if c is not None else ""


def colours(shape):
    """The distinct colours of the text runs of a shape."""
    found = set()
    for rpr in shape.iterfind(".//a:r/a:rPr", NS):
        fill = rpr.find("./a:solidFill/*", NS)
        if fill is not None:
            found.add(fill.get("val"))
    return found


def slide_figures(xml):
    """The figures of one slide (a dict of counters and lists)."""
    root = ET.fromstring(xml)
    tree = root.find(".//p:spTree", NS)
    shapes, footer_top = [], None
    for child in tree:
        tag = child.tag.split("}")[1]
        if tag not in ("sp", "graphicFrame", "pic"):
            continue
        rect = box(child)
        if rect is None:
            continue
        kind = placeholder_type(child) if tag == "sp" else None
        if kind in ("ftr", "sldNum"):
            footer_top = rect[1] if footer_top is None else min(footer_top, rect[1])
            continue
        shapes.append((tag, kind, shape_name(child), rect, child))
    f = {"shrunk": [], "titles": 0, "tables": 0, "tables_over": 0, "crossing": 0,
         "code": 0, "code_coloured": 0}
    for tag, kind, name, (x, y, w, h), el in shapes:
        if name.startswith("Progress"):
            continue
        autofit = el.find(".//a:bodyPr/a:normAutofit", NS)
        if autofit is not None and autofit.get("fontScale"):
            scale = int(autofit.get("fontScale")) / 1000
            f["shrunk"].append((scale, kind or name.split(" ")[0]))
            if kind in ("title", "ctrTitle"):
                f["titles"] += 1
        if name.startswith("Code"):
            f["code"] += 1
            f["code_coloured"] += len(colours(el)) > 1
        bottom = y + h
        if tag == "graphicFrame" and el.find(".//a:tbl", NS) is not None:
            f["tables"] += 1
            rows = sum(int(tr.get("h")) for tr in el.iterfind(".//a:tr", NS))
            bottom = y + max(h, rows)
            below = [sy for _, _, n, (sx, sy, sw, _), _ in shapes
                     if sy > y and sx < x + w and x < sx + sw and not n.startswith("Progress")]
            limits = below + ([footer_top] if footer_top is not None else [])
            if limits and bottom > min(limits) + TOLERANCE:
                f["tables_over"] += 1
        if footer_top is not None and kind not in ("title", "ctrTitle", "subTitle") \
                and bottom > footer_top + TOLERANCE:
            f["crossing"] += 1
    return f


def deck_figures(path):
    totals = {"slides": 0, "shrunk": [], "titles": 0, "tables": 0, "tables_over": 0,
              "crossing_slides": 0, "code": 0, "code_coloured": 0}
    with zipfile.ZipFile(path) as z:
        names = [n for n in z.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]
        for name in names:
            f = slide_figures(z.read(name))
            totals["slides"] += 1
            totals["shrunk"] += f["shrunk"]
            for key in ("titles", "tables", "tables_over", "code", "code_coloured"):
                totals[key] += f[key]
            totals["crossing_slides"] += f["crossing"] > 0
    return totals


def line(label, t):
    shrunk = [s for s, _ in t["shrunk"] if s < 100]
    below = [s for s in shrunk if s < 90]
    least = f", least {min(shrunk):.0f} %" if shrunk else ""
    return (f"{label}: {t['slides']} slides, {len(shrunk)} boxes shrunk ({len(below)} below 90 %"
            f"{least}), {t['titles']} titles shrunk, {t['tables_over']}/{t['tables']} tables "
            f"overlapping, {t['crossing_slides']} slides crossing the footer, "
            f"{t['code_coloured']}/{t['code']} code boxes in colour")


def main():
    root = pathlib.Path(sys.argv[1])
    report = "--report" in sys.argv[2:]
    decks = sorted(root.rglob("*.pptx"))
    if not decks:
        sys.exit("no saved .pptx found")
    grand = None
    for deck in decks:
        t = deck_figures(deck)
        print("impress: " + line(str(deck.relative_to(root)), t))
        if grand is None:
            grand = t
        else:
            for key, value in t.items():
                grand[key] = grand[key] + value
    print("impress: " + line(f"all {len(decks)} decks", grand))
    bad = ([s for s, _ in grand["shrunk"] if s < 90] or grand["titles"]
           or grand["tables_over"] or grand["crossing_slides"])
    if bad and not report:
        sys.exit(1)


if __name__ == "__main__":
    main()
