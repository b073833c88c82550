"""Reads every .pptx under a folder with python-pptx and compares it with the slides
PDF and the .pdfpc notes Folio wrote next to it. Exits non-zero on any difference.
Used by scripts/validate-pptx.sh."""

import json
import pathlib
import subprocess
import sys

from pptx import Presentation


def squeeze(text):
    """Text without whitespace and invisible characters, as the Rust tests compare it."""
    return "".join(
        c for c in text if not c.isspace() and c not in "\u200b\u00ad\u2060"
    ).replace("·", "•")


def loose(text):
    """What pdftotext may lose: hyphens at line ends, superscript footnote numbers
    before a note, and task-list boxes (drawn, not text, in the PDF)."""
    return text.lstrip("0123456789").replace("-", "").replace("☑", "").replace("☐", "")


def pdf_page_text(pdf, page):
    out = subprocess.run(
        ["pdftotext", "-raw", "-f", str(page), "-l", str(page), str(pdf), "-"],
        check=True, capture_output=True, text=True,
    )
    return squeeze(out.stdout)


def shape_paragraphs(shape):
    """The paragraphs of a shape: text frames, and every cell of a table."""
    if shape.has_text_frame:
        return list(shape.text_frame.paragraphs)
    if shape.has_table:
        return [p for row in shape.table.rows for cell in row.cells
                for p in cell.text_frame.paragraphs]
    return []


def is_latex_run(run, pdf_text):
    """Inline math: LaTeX source in code type in the deck, typeset glyphs (not the
    source) in the PDF."""
    monospaced = "mono" in (run.font.name or "").lower()
    return monospaced and squeeze(run.text) not in pdf_text


def found_around_math(paragraph, pdf_text):
    """A paragraph holding inline math: every stretch of text between formulas is on
    the page (the formulas themselves are glyphs there, not their source)."""
    pieces, current = [], ""
    for run in paragraph.runs:
        if is_latex_run(run, pdf_text):
            pieces.append(current)
            current = ""
        else:
            current += run.text
    pieces.append(current)
    if len(pieces) < 2:
        return False
    return all(squeeze(piece) in pdf_text for piece in pieces)


def figure(value, unit):
    """A chart value as the slides PDF labels it (lib/charts.typ: `_figure`)."""
    rounded = round(value, 2)
    text = str(int(round(rounded))) if abs(rounded - round(rounded)) < 1e-9 else str(rounded)
    return text + ("%" if unit else "")


def check_chart(number, chart, pdf_text, problems):
    """Reads a native chart back: its type, categories and series values, which must be
    the ones the slides PDF draws; its data must be in an embedded workbook ("Edit data").
    Returns (values found on the PDF page, values)."""
    plots = list(chart.plots)
    categories = [str(c) for c in plots[0].categories]
    series = [(s.name, list(s.values), s) for plot in plots for s in plot.series]
    kinds = "+".join(type(plot).__name__ for plot in plots)
    print(f"  slide {number}: chart {chart.chart_type} ({kinds}), categories {categories}, "
          + ", ".join(f"{name} {values}" for name, values, _ in series))
    if chart.part.chart_workbook.xlsx_part is None:
        problems.append(f"slide {number}: the chart has no embedded workbook")
    # Crowded labels are thinned to every k-th (lib/charts.typ: `_label-step`).
    shown = [
        step for step in range(1, len(categories) + 1)
        if all(squeeze(c) in pdf_text for c in categories[::step])
        and len(categories[::step]) >= min(len(categories), 3)
    ]
    if not shown:
        problems.append(f"slide {number}: chart categories {categories} are not on the PDF page")
    elif shown[0] > 1:
        print(f"  slide {number}: every {shown[0]}th category label shown (crowded)")
    found = total = 0
    for _, values, one in series:
        percent = '"%"' in one.data_labels.number_format
        for value in values:
            total += 1
            found += figure(value, percent) in pdf_text
    if total and not found:
        problems.append(f"slide {number}: no chart value is on the PDF page")
    return found, total


def check(deck):
    problems = []
    stem = deck.name[: -len(".pptx")]
    slides_pdf = deck.with_name(stem + ".slides.pdf")
    pdfpc = deck.with_name(stem + ".slides.pdfpc")
    pages = json.loads(pdfpc.read_text())["pages"]
    presentation = Presentation(str(deck))
    slides = list(presentation.slides)
    if len(slides) != len(pages):
        problems.append(f"{len(slides)} slides, but the slides PDF has {len(pages)} pages")
    matched = total = tables = notes = charts = 0
    values_found = values = 0
    for number, (slide, page) in enumerate(zip(slides, pages), start=1):
        title = slide.shapes.title
        if title is None or not title.text.strip():
            problems.append(f"slide {number}: no title in a title placeholder")
        pdf_text = pdf_page_text(slides_pdf, number)
        for shape in slide.shapes:
            tables += shape.has_table
            if shape.has_chart:
                charts += 1
                found, count = check_chart(number, shape.chart, pdf_text, problems)
                values_found, values = values_found + found, values + count
                continue
            if shape.is_placeholder and shape.placeholder_format.type in (13, 15):
                continue  # slide number and footer: "n" vs "n / N" in the PDF
            for paragraph in shape_paragraphs(shape):
                text = squeeze(paragraph.text)
                if not text:
                    continue
                total += 1
                if text in pdf_text or loose(text) in pdf_text.replace("-", ""):
                    matched += 1
                elif found_around_math(paragraph, pdf_text):
                    matched += 1
                else:
                    problems.append(f"slide {number}: {paragraph.text!r} is not on the PDF page")
        expected = squeeze(page.get("note", ""))
        got = ""
        if slide.has_notes_slide:
            got = squeeze(slide.notes_slide.notes_text_frame.text)
        notes += bool(got)
        if got != expected:
            problems.append(f"slide {number}: notes differ from the .pdfpc")
    print(f"python-pptx: {deck.name}: {len(slides)} slides (slides PDF {len(pages)}), "
          f"{matched}/{total} paragraphs found on the PDF pages, {tables} tables, "
          f"{charts} charts ({values_found}/{values} values found in the PDF page text), "
          f"{notes} slides with notes")
    return problems


def main():
    decks = sorted(pathlib.Path(sys.argv[1]).rglob("*.pptx"))
    if not decks:
        sys.exit("no .pptx found")
    failed = False
    for deck in decks:
        for problem in check(deck):
            failed = True
            print(f"  {deck}: {problem}", file=sys.stderr)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
