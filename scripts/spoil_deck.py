"""Spoils a deck built on a template in the ways scripts/check_reference.py must catch,
so that the check is known to bite (scripts/validate-references.sh runs it on one deck
and expects every failure below to be reported):

  - the master's pictures removed (a lost logo);
  - accent1 of the master's theme changed;
  - a body placeholder moved above its layout box;
  - a table, chart, picture or text box moved below the body area;
  - a typeface set on a run of text;
  - the last slide removed (one slide fewer than the slides PDF).

  python scripts/spoil_deck.py DECK.pptx OUT.pptx

Prints, one a line, a phrase each failure's message must hold.
"""

import sys

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

from check_reference import drawn_content, own_box, placeholder_of


def drop_master_pictures(prs):
    tree = prs.slide_masters[0].shapes._spTree
    for pic in tree.findall(qn("p:pic")):
        tree.remove(pic)
    return "pictures"


def change_accent(prs):
    part = prs.slide_masters[0].part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    accent = root.find(f".//{qn('a:clrScheme')}/{qn('a:accent1')}")
    for child in list(accent):
        accent.remove(child)
    etree.SubElement(accent, qn("a:srgbClr"), val="FF00FF")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return "colour scheme"


def raise_body_placeholder(prs):
    for slide in prs.slides:
        for element in slide.shapes._spTree.iterchildren():
            kind = placeholder_of(element)
            if kind and kind[0] in ("body", "obj") and own_box(element):
                element.find(f"./{qn('p:spPr')}/{qn('a:xfrm')}/{qn('a:off')}").set("y", "0")
                return "outside its layout box"
    sys.exit("spoil_deck: no body placeholder with a box of its own")


def lower_a_shape(prs):
    for slide in list(prs.slides)[1:]:
        for shape in slide.shapes:
            if not shape.is_placeholder and drawn_content(shape):
                shape.top = prs.slide_height - shape.height // 2
                return "outside the body area"
    sys.exit("spoil_deck: no shape outside placeholders")


def set_a_font(prs):
    for slide in prs.slides:
        for run in slide.shapes._spTree.iter(qn("a:rPr")):
            if run.find(qn("a:latin")) is None:
                etree.SubElement(run, qn("a:latin"), typeface="Arial")
                return "sets its own Arial"
    sys.exit("spoil_deck: no text run")


def drop_last_slide(prs):
    ids = prs.slides._sldIdLst
    last = ids[-1]
    prs.part.drop_rel(last.rId)
    ids.remove(last)
    return "the slides PDF has"


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: spoil_deck.py DECK.pptx OUT.pptx")
    prs = Presentation(sys.argv[1])
    spoils = [drop_master_pictures, change_accent, raise_body_placeholder, lower_a_shape,
              set_a_font, drop_last_slide]
    phrases = [spoil(prs) for spoil in spoils]
    prs.save(sys.argv[2])
    print("\n".join(phrases))


if __name__ == "__main__":
    main()
