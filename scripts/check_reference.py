"""Checks a deck Folio wrote on a company template (`folio build --reference-pptx`,
issue 20) against the template itself, reading both with python-pptx:

  - python-pptx opens the deck, and its slide size is the template's;
  - each master's theme has the template's colour scheme (accent1…6, dk1, lt1…) and
    fonts, and the deck has as many masters, each with the template's layouts;
  - every picture on the template's masters and layouts (a logo) is still there, with
    the same bytes;
  - every slide is on one of the template's layouts: the same part, the same name and
    the same placeholders (type, index and box);
  - every slide whose layout has a title placeholder has its title in one;
  - text takes the theme's fonts (no run but code's sets one) and colours (no run in a
    placeholder sets one);
  - every placeholder on a slide that has a box of its own lies inside the box of the
    layout placeholder it inherits from; every other shape with text, and every picture,
    table and chart, lies inside the deck's body area (the body placeholder of the layout
    content slides go on, or of the master when that layout has none), except on the
    title slide; 1 % of the slide's size is allowed for rounding;
  - every slide with notes in the .pdfpc beside the slides PDF has a notes slide with
    text, no notes slide is empty, and each is on the deck's notes master, which has the
    template's placeholders when the template has one;
  - the deck has as many slides as the slides PDF has pages (pdfinfo).

Placeholders are matched as PowerPoint does (by index, else by type) with this script's
own resolution, not python-pptx's, which matches by index only and so takes a
LibreOffice template's body (index 0, like its title) for the title.

  python scripts/check_reference.py TEMPLATE DECK.pptx SLIDES.pdf [--content-layout NAME]

TEMPLATE may be a .potx. --content-layout: the layout `[pptx.layouts] content` names,
whose body box is then the body area; at least one slide must be on it.

Prints one line per failure and a summary line; exits 1 on any failure.
"""

import argparse
import hashlib
import io
import json
import pathlib
import subprocess
import sys
import zipfile

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

# Allowed rounding, as a share of the slide's width and height.
TOLERANCE = 0.01
TITLES = ("title", "ctrTitle")
# Placeholders for running text, as Folio counts them (`obj` is a placeholder without type).
TEXT_BOXES = ("body", "obj")
FOOTERS = ("dt", "ftr", "sldNum", "hdr")


class Checks:
    """The failures found in one deck, and how many shapes were checked."""

    def __init__(self, deck):
        self.deck = deck
        self.failures = []
        self.placeholders = 0
        self.shapes = 0

    def fail(self, message):
        self.failures.append(message)
        print(f"check-reference: {self.deck}: {message}")


# --- placeholders and boxes, read from the XML -------------------------------------------

def placeholder_of(element):
    """(type, idx attribute or None) of a placeholder shape, or None for other shapes."""
    ph = element.find(f"./*/{qn('p:nvPr')}/{qn('p:ph')}")
    if ph is None:
        return None
    return ph.get("type", "obj"), ph.get("idx")


def own_box(element):
    """The shape's own (x, y, w, h) in EMU, from its `a:xfrm`, or None."""
    xfrm = element.find(f"./{qn('p:spPr')}/{qn('a:xfrm')}")
    if xfrm is None:
        xfrm = element.find(f"./{qn('p:xfrm')}")
    if xfrm is None:
        xfrm = element.find(f"./{qn('p:grpSpPr')}/{qn('a:xfrm')}")
    if xfrm is None:
        return None
    off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
    if off is None or ext is None:
        return None
    return (int(off.get("x")), int(off.get("y")), int(ext.get("cx")), int(ext.get("cy")))


def placeholders(part):
    """The placeholder shapes of a slide, layout or master: (type, idx, element)."""
    found = []
    for element in part.shapes._spTree.iterchildren():
        ph = placeholder_of(element)
        if ph is not None:
            found.append((ph[0], ph[1], element))
    return found


def family(kind):
    """The master placeholder a layout placeholder of this type inherits from."""
    if kind in TITLES:
        return "title"
    if kind in FOOTERS:
        return kind
    return "body"


def inherited_from(kind, idx, candidates):
    """The placeholder among `candidates` that a placeholder (kind, idx) inherits from:
    the one with the same index, else the same type, else the same family."""
    if idx is not None:
        for c in candidates:
            if c[1] == idx:
                return c
    for c in candidates:
        if c[0] == kind:
            return c
    for c in candidates:
        if family(c[0]) == family(kind):
            return c
    return None


def layout_box(layout, kind, idx):
    """The box of a layout's placeholder, its own or its master's; None when neither."""
    found = inherited_from(kind, idx, placeholders(layout))
    if found is None:
        return None
    box = own_box(found[2])
    if box is not None:
        return box
    master = [p for p in placeholders(layout.slide_master) if p[0] == family(found[0])]
    return own_box(master[0][2]) if master else None


def inside(box, area, slide_size):
    x, y, w, h = box
    ax, ay, aw, ah = area
    tx, ty = slide_size[0] * TOLERANCE, slide_size[1] * TOLERANCE
    return (x >= ax - tx and y >= ay - ty and x + w <= ax + aw + tx
            and y + h <= ay + ah + ty)


# --- the template's facts ----------------------------------------------------------------

def text_boxes(layout):
    return [p for p in placeholders(layout) if p[0] in TEXT_BOXES]


def has_title(layout):
    return any(p[0] in TITLES for p in placeholders(layout))


def content_layout(prs, named=None):
    """The layout content slides go on: the one `named` (`[pptx.layouts] content`), else
    the one chosen by its placeholders as Folio chooses it
    (`src/pptx/reference/layouts.rs`): title and one text box, of type obj or tx first."""
    layouts = [l for m in prs.slide_masters for l in m.slide_layouts]
    if named is not None:
        return next(l for l in layouts if l.name.strip() == named.strip())
    one_body = [l for l in layouts if has_title(l) and len(text_boxes(l)) == 1]
    typed = [l for l in one_body if l._element.get("type") in ("obj", "tx")]
    any_body = [l for l in layouts if has_title(l) and text_boxes(l)]
    titled = [l for l in layouts if has_title(l)]
    return (typed or one_body or any_body or titled)[0]


def area(box):
    return box[2] * box[3] if box else 0


def body_area(layout):
    """Where the deck's shapes go: the content layout's largest text box, else its
    master's body placeholder."""
    boxes = [layout_box(layout, kind, idx) for kind, idx, _ in text_boxes(layout)]
    boxes = [b for b in boxes if b]
    if boxes:
        return max(boxes, key=area)
    master = [p for p in placeholders(layout.slide_master) if p[0] == "body"]
    return own_box(master[0][2]) if master else None


def theme_of(master):
    """The colour scheme and the font faces of a master's theme, as plain dicts."""
    root = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
    colours = {}
    for slot in root.find(f".//{qn('a:clrScheme')}"):
        colour = slot[0] if len(slot) else None
        value = colour.get("lastClr") or colour.get("val") if colour is not None else None
        colours[etree.QName(slot).localname] = value
    fonts = {}
    for scheme in ("a:majorFont", "a:minorFont"):
        for script in ("a:latin", "a:ea"):
            face = root.find(f".//{qn(scheme)}/{qn(script)}")
            fonts[f"{scheme[2:]}/{script[2:]}"] = face.get("typeface") if face is not None else None
    return colours, fonts


def picture_hashes(part):
    """SHA-256 of every picture drawn on a master or layout (inside groups too)."""
    hashes = []
    for blip in part._element.iter(qn("a:blip")):
        rid = blip.get(qn("r:embed"))
        if rid:
            hashes.append(hashlib.sha256(part.part.related_part(rid).blob).hexdigest()[:12])
    return sorted(hashes)


def layout_signature(layout):
    return [(kind, idx, own_box(el)) for kind, idx, el in placeholders(layout)]


# --- the checks --------------------------------------------------------------------------

def check_package(checks, template, deck):
    """Slide size, masters, themes and the pictures on masters and layouts."""
    if (deck.slide_width, deck.slide_height) != (template.slide_width, template.slide_height):
        checks.fail(f"slide size {deck.slide_width}x{deck.slide_height}, the template's is "
                    f"{template.slide_width}x{template.slide_height}")
    ours, theirs = list(deck.slide_masters), list(template.slide_masters)
    if len(ours) != len(theirs):
        checks.fail(f"{len(ours)} slide masters, the template has {len(theirs)}")
    for number, (mine, original) in enumerate(zip(ours, theirs), start=1):
        for what, got, want in zip(("colour scheme", "theme fonts"), theme_of(mine),
                                   theme_of(original)):
            if got != want:
                checks.fail(f"master {number}: {what} {got}, the template's is {want}")
        names = [l.name for l in mine.slide_layouts]
        if names != [l.name for l in original.slide_layouts]:
            checks.fail(f"master {number}: layouts {names} are not the template's")
        if picture_hashes(mine) != picture_hashes(original):
            checks.fail(f"master {number}: pictures {picture_hashes(mine)}, the template's "
                        f"are {picture_hashes(original)} (a logo lost or changed)")
    template_layouts = layouts_by_part(template)
    for part, layout in layouts_by_part(deck).items():
        original = template_layouts.get(part)
        if original is not None and picture_hashes(layout) != picture_hashes(original):
            checks.fail(f"layout {layout.name!r}: its pictures are not the template's")


def layouts_by_part(prs):
    return {str(l.part.partname): l for m in prs.slide_masters for l in m.slide_layouts}


def check_layout(checks, number, slide, template_layouts):
    """The slide's layout is one of the template's: same part, name and placeholders."""
    layout = slide.slide_layout
    part = str(layout.part.partname)
    original = template_layouts.get(part)
    if original is None:
        checks.fail(f"slide {number}: layout {part} ({layout.name!r}) is not the template's")
    elif original.name != layout.name:
        checks.fail(f"slide {number}: layout {part} is named {layout.name!r}, in the "
                    f"template {original.name!r}")
    elif layout_signature(original) != layout_signature(layout):
        checks.fail(f"slide {number}: the placeholders of layout {layout.name!r} are not "
                    f"the template's")


def check_placeholders(checks, number, slide, size):
    """Each placeholder with a box of its own lies in its layout placeholder's box, and
    the title is in a title placeholder when the layout has one."""
    layout = slide.slide_layout
    mine = placeholders(slide)
    for kind, idx, element in mine:
        checks.placeholders += 1
        base = layout_box(layout, kind, idx)
        label = f"slide {number}: placeholder {kind}" + (f" idx {idx}" if idx else "")
        if inherited_from(kind, idx, placeholders(layout)) is None:
            checks.fail(f"{label} has no placeholder to inherit from on layout {layout.name!r}")
            continue
        box = own_box(element)
        if box is not None and base is not None and not inside(box, base, size):
            checks.fail(f"{label} at {box} lies outside its layout box {base}")
    titled = [el for kind, _, el in mine if kind in TITLES and text_of(el)]
    if has_title(layout) and not titled:
        checks.fail(f"slide {number}: no title in a title placeholder of layout {layout.name!r}")


def check_inherited_text(checks, number, slide):
    """Text takes the template's fonts and colours: no run sets a typeface of its own but
    code's (monospace), and no run in a placeholder (title, body, subtitle, footer) an RGB
    colour; Folio's own boxes (callouts, quotes, code) keep the colours the report's
    constructs give them (a warning callout is amber)."""
    for shape in slide.shapes:
        for tag in ("a:rPr", "a:defRPr", "a:endParaRPr"):
            for run in shape._element.iter(qn(tag)):
                latin = run.find(qn("a:latin"))
                if latin is not None and "mono" in latin.get("typeface", "").lower():
                    continue
                faces = [run.find(qn(f"a:{script}")) for script in ("latin", "ea", "cs")]
                own = [f.get("typeface") for f in faces if f is not None]
                colour = run.find(f"./{qn('a:solidFill')}/{qn('a:srgbClr')}")
                if colour is not None and shape.is_placeholder:
                    own.append(f"#{colour.get('val')}")
                if own:
                    checks.fail(f"slide {number}: {shape.name!r} sets its own "
                                f"{', '.join(own)} over the template's theme")
                    return


def text_of(element):
    return "".join(t.text or "" for t in element.iter(qn("a:t"))).strip()


def drawn_content(shape):
    """Whether a non-placeholder shape shows something that must stay in the body area:
    text, a picture, a table or a chart (lines and bars without text do not)."""
    if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
        return True
    if getattr(shape, "has_table", False) or getattr(shape, "has_chart", False):
        return True
    return shape.has_text_frame and bool(shape.text_frame.text.strip())


def check_shapes(checks, number, slide, body, size):
    """Every other shape with content lies inside the deck's body area."""
    for shape in slide.shapes:
        if shape.is_placeholder or not drawn_content(shape):
            continue
        checks.shapes += 1
        box = own_box(shape._element)
        if body is None:
            checks.fail(f"slide {number}: the template has no body area for {shape.name!r}")
        elif box is not None and not inside(box, body, size):
            checks.fail(f"slide {number}: {shape.name!r} at {box} lies outside the body "
                        f"area {body}")


def check_notes(checks, template, deck, pdfpc):
    """Every slide with notes in the .pdfpc beside the slides PDF has them in a notes
    slide, no notes slide is empty, and the template's notes master is kept.
    (scripts/validate_pptx.py compares the notes' text.)"""
    pages = json.loads(pdfpc.read_text())["pages"] if pdfpc.exists() else []
    noted = {n for n, page in enumerate(pages, start=1) if page.get("note", "").strip()}
    for number, slide in enumerate(deck.slides, start=1):
        frame = slide.notes_slide.notes_text_frame if slide.has_notes_slide else None
        text = frame.text.strip() if frame is not None else ""
        if number in noted and not text:
            checks.fail(f"slide {number}: the .pdfpc has notes, the deck none")
        elif slide.has_notes_slide and not text:
            checks.fail(f"slide {number}: its notes slide is empty")
        if slide.has_notes_slide and not notes_on_deck_master(deck, slide):
            checks.fail(f"slide {number}: its notes slide is not on the deck's notes master")
    if has_notes_master(template):
        want = sorted((k, i) for k, i, _ in placeholders(template.notes_master))
        got = sorted((k, i) for k, i, _ in placeholders(deck.notes_master)) \
            if has_notes_master(deck) else None
        if got != want:
            checks.fail(f"notes master placeholders {got}, the template's are {want}")


def notes_on_deck_master(deck, slide):
    """Whether a slide's notes slide relates to the notes master the presentation lists."""
    if not has_notes_master(deck):
        return False
    master = slide.notes_slide.part.part_related_by(RT.NOTES_MASTER)
    return master is deck.part.part_related_by(RT.NOTES_MASTER)


def has_notes_master(prs):
    return any(r.reltype == RT.NOTES_MASTER for r in prs.part.rels.values())


def pdf_pages(pdf):
    out = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    return next(int(l.split()[1]) for l in out.stdout.splitlines() if l.startswith("Pages:"))


def open_template(path):
    """The template, read by python-pptx even when it is a .potx (python-pptx opens only
    presentations: the template's main part is declared one in a copy in memory)."""
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    types = parts["[Content_Types].xml"]
    parts["[Content_Types].xml"] = types.replace(
        b"presentationml.template.main+xml", b"presentationml.presentation.main+xml")
    copy = io.BytesIO()
    with zipfile.ZipFile(copy, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return Presentation(copy)


def check_deck(template_path, deck_path, pdf_path, named_content=None):
    checks = Checks(deck_path)
    template = open_template(template_path)
    try:
        deck = Presentation(str(deck_path))
    except Exception as error:  # noqa: BLE001 -- any reason python-pptx cannot read it
        checks.fail(f"python-pptx cannot open it: {error}")
        return checks, 0
    check_package(checks, template, deck)
    template_layouts = layouts_by_part(template)
    size = (deck.slide_width, deck.slide_height)
    content = content_layout(template, named_content)
    if named_content and not any(s.slide_layout.name == content.name for s in deck.slides):
        checks.fail(f"no slide is on the content layout {content.name!r} the config names")
    body = body_area(content)
    for number, slide in enumerate(deck.slides, start=1):
        check_layout(checks, number, slide, template_layouts)
        check_placeholders(checks, number, slide, size)
        check_inherited_text(checks, number, slide)
        if number > 1:
            check_shapes(checks, number, slide, body, size)
    check_notes(checks, template, deck, pdf_path.with_suffix(".pdfpc"))
    pages = pdf_pages(pdf_path)
    if pages != len(deck.slides):
        checks.fail(f"{len(deck.slides)} slides, the slides PDF has {pages} pages")
    return checks, len(deck.slides)


def main():
    parser = argparse.ArgumentParser(description="Checks a deck against its template.")
    parser.add_argument("template", type=pathlib.Path)
    parser.add_argument("deck", type=pathlib.Path)
    parser.add_argument("slides_pdf", type=pathlib.Path)
    parser.add_argument("--content-layout", metavar="NAME",
                        help="the layout [pptx.layouts] content names")
    args = parser.parse_args()
    template = args.template
    checks, slides = check_deck(template, args.deck, args.slides_pdf, args.content_layout)
    print(f"check-reference: {template.name}: {slides} slides, {checks.placeholders} "
          f"placeholders checked, {checks.shapes} shapes checked, "
          f"{len(checks.failures)} failures")
    sys.exit(1 if checks.failures else 0)


if __name__ == "__main__":
    main()
