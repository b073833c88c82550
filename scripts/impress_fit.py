"""Reads the decks LibreOffice Impress saved back as .pptx (scripts/validate-pptx.sh) and
counts where Folio's boxes did not hold their text once Impress laid it out:

  - text boxes Impress shrank (`normAutofit fontScale`), those below 90 %, titles shrunk;
  - tables whose rendered bottom (Impress writes the rows' grown heights back) lies
    below the top of the next shape under them or of the footer;
  - shapes whose box runs into the footer;
  - code boxes, and those whose text is in more than one colour (syntax colours);
  - from the PDF Impress printed of the same deck (PDF_DIR, same relative paths), the
    slides where words overlap other words (a table whose rows grew over the text under
    it) or run into the footer: Impress saves a table's rows back at the heights it
    was given, not the heights it drew, so only its drawing shows an overflowing table.

  python3 scripts/impress_fit.py SAVED_DIR [PDF_DIR] [--report]

Exits non-zero when a box is shrunk below 90 %, a title is shrunk, a table overlaps or
text crosses the footer, unless --report (figures only)."""

import pathlib
import posixpath
import re
import subprocess
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


def pdf_pages(pdf):
    """Each page of a PDF as (width, height, words), a word being (x0, y0, x1, y1)."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    pages = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S):
        words = [tuple(float(v) for v in m.groups()) for m in re.finditer(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', page.group(3))]
        pages.append((float(page.group(1)), float(page.group(2)), words))
    return pages


def overlapping(words):
    """Whether two words of different lines of a page are drawn over each other (by more
    than a third of the smaller one: neighbouring lines touch, text over text covers).
    Words of one line may touch (an emoji's glyph is wider than its advance)."""
    words = sorted(words, key=lambda w: w[1])
    for i, a in enumerate(words):
        for b in words[i + 1:]:
            if b[1] >= a[3]:
                break
            if abs(b[1] - a[1]) < 1 and abs(b[3] - a[3]) < 1:
                continue
            w = min(a[2], b[2]) - max(a[0], b[0])
            h = min(a[3], b[3]) - max(a[1], b[1])
            smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
            if w > 0 and h > 0 and w * h > smaller / 3:
                return True
    return False


def pdf_figures(pdf, footer_share):
    """Slides whose words overlap, and slides with a word running from the body into
    the footer band (the bottom `footer_share` of the page)."""
    overlaps = crossing = 0
    for _, height, words in pdf_pages(pdf):
        footer_top = height * (1 - footer_share)
        overlaps += overlapping(words)
        crossing += any(y0 < footer_top - 1 and y1 > footer_top + 2 for _, y0, _, y1 in words)
    return overlaps, crossing


def footer_share(path):
    """The share of the slide's height below the top of the footer, from the first slide
    that has a footer: its own box, else its layout's or master's (a deck written on a
    company template leaves the footer where the template puts it)."""
    with zipfile.ZipFile(path) as z:
        size = ET.fromstring(z.read("ppt/presentation.xml")).find("p:sldSz", NS)
        height = int(size.get("cy"))
        for name in sorted(z.namelist()):
            if not re.fullmatch(r"ppt/slides/slide\d+\.xml", name):
                continue
            for sp in ET.fromstring(z.read(name)).iterfind(".//p:sp", NS):
                if placeholder_type(sp) != "ftr":
                    continue
                found = box(sp) or inherited_footer_box(z, name)
                if found:
                    return 1 - found[1] / height
    return 30 / 473.6


def inherited_footer_box(z, part):
    """The footer box of the layout `part` is based on, else of that layout's master."""
    for _ in range(2):
        folder, file = part.rsplit("/", 1)
        try:
            rels = ET.fromstring(z.read(f"{folder}/_rels/{file}.rels"))
        except KeyError:
            return None
        targets = [r.get("Target") for r in rels if r.get("Type", "").endswith(("/slideLayout", "/slideMaster"))]
        if not targets:
            return None
        part = posixpath.normpath(posixpath.join(folder, targets[0]))
        for sp in ET.fromstring(z.read(part)).iterfind(".//p:sp", NS):
            if placeholder_type(sp) == "ftr" and box(sp):
                return box(sp)
    return None


def deck_figures(path):
    totals = {"slides": 0, "shrunk": [], "titles": 0, "tables": 0, "tables_over": 0,
              "crossing_slides": 0, "code": 0, "code_coloured": 0, "pdf_overlaps": 0,
              "pdf_crossing": 0}
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


def add_pdf(totals, saved, pdf):
    if pdf.exists():
        overlaps, crossing = pdf_figures(pdf, footer_share(saved))
        totals["pdf_overlaps"] += overlaps
        totals["pdf_crossing"] += crossing


def line(label, t):
    shrunk = [s for s, _ in t["shrunk"] if s < 100]
    below = [s for s in shrunk if s < 90]
    least = f", least {min(shrunk):.0f} %" if shrunk else ""
    return (f"{label}: {t['slides']} slides, {len(shrunk)} boxes shrunk ({len(below)} below 90 %"
            f"{least}), {t['titles']} titles shrunk, {t['tables_over']}/{t['tables']} tables "
            f"overlapping, {t['crossing_slides']} slides crossing the footer, "
            f"{t['code_coloured']}/{t['code']} code boxes in colour; drawn: "
            f"{t['pdf_overlaps']} slides with text over text, {t['pdf_crossing']} with text "
            f"into the footer")


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    root = pathlib.Path(args[0])
    pdfs = pathlib.Path(args[1]) if len(args) > 1 else None
    report = "--report" in sys.argv[2:]
    decks = sorted(root.rglob("*.pptx"))
    if not decks:
        sys.exit("no saved .pptx found")
    grand = None
    for deck in decks:
        t = deck_figures(deck)
        if pdfs is not None:
            add_pdf(t, deck, (pdfs / deck.relative_to(root)).with_suffix(".pdf"))
        print("impress: " + line(str(deck.relative_to(root)), t))
        if grand is None:
            grand = t
        else:
            for key, value in t.items():
                grand[key] = grand[key] + value
    print("impress: " + line(f"all {len(decks)} decks", grand))
    bad = ([s for s, _ in grand["shrunk"] if s < 90] or grand["titles"]
           or grand["tables_over"] or grand["crossing_slides"] or grand["pdf_overlaps"]
           or grand["pdf_crossing"])
    if bad and not report:
        sys.exit(1)


if __name__ == "__main__":
    main()
