"""Writes the company templates `scripts/validate-references.sh` hands to
`folio build --reference-pptx` (issue 20), each made from python-pptx's own default
template and edited with python-pptx and lxml, so that each one tests one promise:

  zh-4x3.pptx      4:3, every layout named in Chinese (Folio must pick layouts by their
                   placeholders, not their names), a logo picture on the slide master (it
                   must survive), accent1 00A651 and theme fonts Georgia / SimHei (not
                   installed here: Folio must warn and fall back), and a notes master;
  half-body.pptx   16:9, the body placeholder of the master and of "Title and Content"
                   half their usual height (the planner must split into more slides);
  wide.pptx        the same 16:9 template with its usual body, to compare it with;
  bare.pptx        only the "Blank" and "Title Only" layouts, the others removed from the
                   master properly (part, `sldLayoutIdLst` entry and relationship);
  zh-4x3.potx      the first as a PowerPoint template file (its main part declared a
                   template), which Folio must take too and turn into a presentation.

python-pptx's default template has no example slides, so none are left to remove.
With --bad it writes instead the templates Folio must refuse, each named by the word its
error must give (`BAD_TEMPLATES`).

  python scripts/reference_templates.py [--bad] OUTDIR
"""

import io
import pathlib
import sys
import zipfile

from lxml import etree
from PIL import Image, ImageDraw
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.oxml.shapes.picture import CT_Picture

WIDE = 12_192_000
ACCENT = "00A651"
LATIN_FONT = "Georgia"
EAST_ASIAN_FONT = "SimHei"

# PowerPoint's own Chinese names for the default layouts.
CHINESE_LAYOUT_NAMES = {
    "Title Slide": "标题幻灯片",
    "Title and Content": "标题和内容",
    "Section Header": "节标题",
    "Two Content": "两栏内容",
    "Comparison": "比较",
    "Title Only": "仅标题",
    "Blank": "空白",
    "Content with Caption": "内容与标题",
    "Picture with Caption": "图片与标题",
    "Title and Vertical Text": "标题和竖排文字",
    "Vertical Title and Text": "竖排标题与文本",
}


def logo_png():
    """A small logo: a green square with a white bar and dot, as PNG bytes."""
    image = Image.new("RGBA", (96, 96), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, 95, 95), radius=18, fill=(0, 166, 81, 255))
    draw.rectangle((24, 20, 40, 76), fill=(255, 255, 255, 255))
    draw.rectangle((24, 20, 72, 34), fill=(255, 255, 255, 255))
    draw.ellipse((56, 56, 74, 74), fill=(255, 255, 255, 255))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def add_master_picture(master, png, box):
    """Puts a picture on a slide master (python-pptx adds pictures to slides only)."""
    _, rid = master.part.get_or_add_image_part(io.BytesIO(png))
    tree = master.shapes._spTree
    shape_id = max(int(e.get("id")) for e in tree.iter(qn("p:cNvPr"))) + 1
    pic = CT_Picture.new_pic(shape_id, "Company logo", "logo", rid, *box)
    # After the placeholders, so the logo is drawn over the master's background.
    tree.append(pic)


def theme_part(master):
    return master.part.part_related_by(RT.THEME)


def edit_theme(master, accent, latin, east_asian):
    """Sets accent1 and the major and minor Latin and East Asian fonts of the master's
    theme (a plain part in python-pptx: its bytes are parsed and written back)."""
    part = theme_part(master)
    root = etree.fromstring(part.blob)
    colour = root.find(f".//{qn('a:clrScheme')}/{qn('a:accent1')}")
    for child in list(colour):
        colour.remove(child)
    etree.SubElement(colour, qn("a:srgbClr"), val=accent)
    for font in ("a:majorFont", "a:minorFont"):
        scheme = root.find(f".//{qn('a:fontScheme')}/{qn(font)}")
        scheme.find(qn("a:latin")).set("typeface", latin)
        scheme.find(qn("a:ea")).set("typeface", east_asian)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def zh_four_by_three():
    prs = Presentation()
    for layout in prs.slide_layouts:
        layout.name = CHINESE_LAYOUT_NAMES[layout.name]
    master = prs.slide_masters[0]
    # Top right, clear of the centred title's text.
    add_master_picture(master, logo_png(), (8_595_360, 45_720, 457_200, 457_200))
    edit_theme(master, ACCENT, LATIN_FONT, EAST_ASIAN_FONT)
    prs.notes_master  # noqa: B018 -- python-pptx adds its default notes master when asked
    return prs


def xfrms(element):
    return element.iter(qn("a:xfrm"))


def widen(prs):
    """Makes a 4:3 presentation 16:9, stretching every box of its masters and layouts
    sideways so they keep their places."""
    factor = WIDE / prs.slide_width
    prs.slide_width = WIDE
    for master in prs.slide_masters:
        parts = [master] + list(master.slide_layouts)
        for xfrm in (x for part in parts for x in xfrms(part._element)):
            off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
            off.set("x", str(round(int(off.get("x")) * factor)))
            ext.set("cx", str(round(int(ext.get("cx")) * factor)))


def placeholder(shapes, kind):
    return next(s for s in shapes.placeholders if s.placeholder_format.type == kind)


def wide():
    prs = Presentation()
    widen(prs)
    return prs


def half_body():
    prs = wide()
    body = placeholder(prs.slide_masters[0], PP_PLACEHOLDER.BODY)
    body.height = body.height // 2
    content_layout = next(l for l in prs.slide_layouts if l.name == "Title and Content")
    content = placeholder(content_layout, PP_PLACEHOLDER.OBJECT)
    # Its own box, so the layout says half too, not only through the master.
    content.left, content.top, content.width, content.height = (
        body.left, body.top, body.width, body.height)
    return prs


def bare():
    prs = Presentation()
    keep = {"Blank", "Title Only"}
    for layout in [l for l in prs.slide_layouts if l.name not in keep]:
        # Drops the master's sldLayoutId and its relationship; the part, no longer
        # reached from any relationship, is not written.
        prs.slide_layouts.remove(layout)
    return prs


TEMPLATES = {
    "zh-4x3.pptx": zh_four_by_three,
    "half-body.pptx": half_body,
    "wide.pptx": wide,
    "bare.pptx": bare,
}


def save_as_potx(pptx, potx):
    """Copies a .pptx as a .potx: the same parts, the main one declared a template."""
    with zipfile.ZipFile(pptx) as source, zipfile.ZipFile(potx, "w", zipfile.ZIP_DEFLATED) as copy:
        for name in source.namelist():
            data = source.read(name)
            if name == "[Content_Types].xml":
                data = data.replace(b"presentationml.presentation.main+xml",
                                    b"presentationml.template.main+xml")
            copy.writestr(name, data)


def no_title():
    prs = Presentation()
    for layout in [l for l in prs.slide_layouts if l.name != "Blank"]:
        prs.slide_layouts.remove(layout)
    return prs


CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"


def zip_without_presentation(path):
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("[Content_Types].xml", f'<Types xmlns="{CONTENT_TYPES}"/>')
        package.writestr("word/document.xml", "<document/>")


def sparse_file(path, size):
    with open(path, "wb") as file:
        file.truncate(size)


# The templates Folio must refuse, each with a word its error must give and a writer.
# An encrypted Office file is an OLE compound file: its signature is enough to refuse it.
# The oversized one is sparse, so it costs no disk.
BAD_TEMPLATES = {
    "text-renamed.pptx": ("zip", lambda p: p.write_text("这不是演示文稿，只是改了扩展名。\n")),
    "no-presentation.pptx": ("presentation", zip_without_presentation),
    "encrypted.pptx": ("encrypted", lambda p: p.write_bytes(
        bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504))),
    "no-title.pptx": ("title", lambda p: no_title().save(p)),
    "oversized.pptx": ("limit", lambda p: sparse_file(p, 101 * 1024 * 1024)),
}


def main():
    args = sys.argv[1:]
    bad = args[:1] == ["--bad"]
    if len(args) != 1 + bad:
        sys.exit("usage: reference_templates.py [--bad] OUTDIR")
    out = pathlib.Path(args[-1])
    out.mkdir(parents=True, exist_ok=True)
    if bad:
        for name, (word, write) in BAD_TEMPLATES.items():
            write(out / name)
            print(f"{name} {word}")
        return
    for name, make in TEMPLATES.items():
        make().save(out / name)
        print(f"templates: wrote {out / name}")
    save_as_potx(out / "zh-4x3.pptx", out / "zh-4x3.potx")
    print(f"templates: wrote {out / 'zh-4x3.potx'}")


if __name__ == "__main__":
    main()
