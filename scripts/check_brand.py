"""Checks that PDFs built with `--brand-from-reference` (issue 20) look like the
template's house style: its accent1 colour is drawn on their pages (pdftoppm), and their
text is set in the template's theme fonts when Folio can find them (its bundled fonts/
and each --fonts DIR it was given, passed here as --font-dir), else in its Noto fallback
(pdffonts).

  python scripts/check_brand.py [--font-dir DIR]... TEMPLATE PDF...

Prints one line per PDF; exits 1 when a PDF never shows the accent, leaves out a theme
font Folio can find, or has no Noto font standing in for a missing one.
"""

import argparse
import pathlib
import subprocess
import sys
import tempfile

from PIL import Image

from check_reference import open_template, theme_of

# How far (per channel, summed) a pixel may be from the accent and still count: enough
# for anti-aliasing, too little for another theme colour (Folio's green 1A7F37 is 113
# from the test template's 00A651).
COLOUR_SLACK = 60
# Pixels of the accent a page needs (at 20 dpi) to count as showing it: a rule or a bar.
MIN_PIXELS = 8


def accent_pages(pdf, accent):
    """(pages showing the accent, pages) of a PDF."""
    want = tuple(int(accent[i:i + 2], 16) for i in (0, 2, 4))
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["pdftoppm", "-r", "20", "-png", str(pdf), f"{folder}/p"], check=True)
        pages = sorted(pathlib.Path(folder).glob("p*.png"))
        showing = 0
        for page in pages:
            data = Image.open(page).convert("RGB").tobytes()
            pixels = zip(data[0::3], data[1::3], data[2::3])
            near = sum(1 for p in pixels
                       if sum(abs(a - b) for a, b in zip(p, want)) <= COLOUR_SLACK)
            showing += near >= MIN_PIXELS
    return showing, len(pages)


def pdf_fonts(pdf):
    """The font names a PDF embeds, without their subset prefix (`ABCDEF+`)."""
    out = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True)
    rows = out.stdout.splitlines()[2:]
    return sorted({row.split()[0].split("+")[-1] for row in rows if row.strip()})


def families(dirs):
    """The font families in some folders (fc-scan reads them recursively), lower case."""
    out = subprocess.run(["fc-scan", "--format", "%{family}\n", *dirs], capture_output=True,
                         text=True)
    return {name.strip().lower() for line in out.stdout.splitlines() for name in line.split(",")}


def check_fonts(pdf, faces, available):
    """Failures: a template font Folio can find but did not use, and a missing one with
    no Noto font standing in."""
    fonts = pdf_fonts(pdf)
    # "DejaVuSans-Bold" is DejaVu Sans; "DejaVuSansMono" is not.
    squeezed = [f.split("-")[0].lower() for f in fonts]
    failures = []
    for face in faces:
        used = face.replace(" ", "").lower() in squeezed
        if face.lower() in available and not used:
            failures.append(f"{face} is available to Folio but not used")
        if face.lower() not in available and not any("noto" in f for f in squeezed):
            failures.append(f"{face} is missing and no Noto font stands in")
    return fonts, failures


def main():
    parser = argparse.ArgumentParser(description="Checks PDFs take a template's brand.")
    parser.add_argument("--font-dir", action="append", default=[],
                        help="a folder given to folio with --fonts")
    parser.add_argument("template")
    parser.add_argument("pdfs", nargs="+")
    args = parser.parse_args()
    available = families(["fonts", *args.font_dir])
    colours, font_scheme = theme_of(open_template(args.template).slide_masters[0])
    accent = colours["accent1"]
    faces = sorted({face for face in font_scheme.values() if face and not face.startswith("+")})
    failed = False
    for pdf in args.pdfs:
        label = "/".join(pathlib.Path(pdf).parts[-2:])
        showing, pages = accent_pages(pdf, accent)
        fonts, failures = check_fonts(pdf, faces, available)
        if showing == 0:
            failures.append(f"the accent {accent} is on none of its {pages} pages")
        missing = [f for f in faces if f.lower() not in available]
        note = f" ({', '.join(missing)} not available)" if missing else ""
        print(f"brand: {label}: accent {accent} on {showing} of {pages} pages; "
              f"fonts {', '.join(fonts)}{note}")
        for failure in failures:
            print(f"brand: {label}: {failure}")
        failed = failed or bool(failures)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
