#!/usr/bin/env bash
# Checks the editable PowerPoint decks with other programs than Folio:
#   1. python-pptx (in a private venv) opens every .pptx and finds the slides of the
#      slides PDF: same count, a title on each, the notes of the .pdfpc, and the text
#      of each slide in the same page of the slides PDF (pdftotext);
#   2. LibreOffice Impress converts every .pptx to PDF headless, with the same number
#      of pages, and saves it back as .pptx; scripts/impress_fit.py then counts the text
#      boxes Impress had to shrink (`fontScale`), the tables whose rows grew over the next
#      shape or the footer, the slides whose text crosses the footer and the code boxes in
#      colour, and fails on a box shrunk below 90 %, a title shrunk, a table overlapping
#      or text crossing the footer (skipped with --no-libreoffice; CI runs only step 1;
#      --fit-report prints the figures without failing).
#
#   scripts/validate-pptx.sh [--no-libreoffice] [--fit-report] [--keep DIR] [INPUT…]
#   (default: content/)
#
# Needs python3 (venv), pdftotext/pdfinfo (poppler-utils) and, for step 2,
# `apt-get install -y libreoffice-impress`. LibreOffice renders with Folio's bundled
# fonts (a private fontconfig), so its pictures match the PDF's typefaces.
set -euo pipefail
cd "$(dirname "$0")/.."
libreoffice=1
fit_report=""
keep=""
inputs=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-libreoffice) libreoffice=0 ;;
    --fit-report) fit_report="--report" ;;
    --keep) keep="$2"; shift ;;
    *) inputs+=("$1") ;;
  esac
  shift
done
[ ${#inputs[@]} -gt 0 ] || inputs=(content)
command -v pdftotext >/dev/null || { echo "needs pdftotext (apt-get install poppler-utils)" >&2; exit 2; }
if [ "$libreoffice" = 1 ] && ! command -v soffice >/dev/null; then
  echo "needs LibreOffice: apt-get install -y libreoffice-impress (or pass --no-libreoffice)" >&2
  exit 2
fi

# shellcheck source=scripts/lib/office.sh
. scripts/lib/office.sh
python=$(pptx_python)
# FOLIO_BIN measures another build (e.g. the one before a change) with the same checks.
folio=$(folio_bin)
out=$(realpath -m "${keep:-$(mktemp -d)}")
[ -n "$keep" ] || trap 'rm -rf "$out"' EXIT
mkdir -p "$out"
"$folio" build --pptx --force -q -o "$out/decks" "${inputs[@]}"

# A difference found by python-pptx fails the run, after LibreOffice's figures too.
failed=0
"$python" scripts/validate_pptx.py "$out/decks" || failed=1

if [ "$libreoffice" = 1 ]; then
  while IFS= read -r -d '' deck; do
    dir="$out/libreoffice/$(dirname "${deck#"$out/decks/"}")"
    mkdir -p "$dir"
    log="$dir/$(basename "$deck" .pptx).log"
    if ! office_convert pdf "$dir" "$deck" "$out" >"$log" 2>&1; then
      echo "LibreOffice failed on $deck:" >&2; cat "$log" >&2; failed=1; continue
    fi
    saved="$out/saved/$(dirname "${deck#"$out/decks/"}")"
    mkdir -p "$saved"
    if ! office_convert pptx "$saved" "$deck" "$out" >>"$log" 2>&1; then
      echo "LibreOffice could not save $deck back:" >&2; cat "$log" >&2; failed=1; continue
    fi
    pdf="$dir/$(basename "$deck" .pptx).pdf"
    expected=$(pdf_pages "${deck%.pptx}.slides.pdf")
    got=$(pdf_pages "$pdf")
    if [ "$got" != "$expected" ]; then
      echo "LibreOffice made ${got:-no} pages of $deck; the slides PDF has $expected" >&2; failed=1
    else
      echo "LibreOffice: ${deck#"$out/decks/"} -> $got pages, as the slides PDF"
    fi
  done < <(find "$out/decks" -name '*.pptx' -print0 | sort -z)
  python3 scripts/impress_fit.py "$out/saved" "$out/libreoffice" $fit_report || failed=1
fi
[ "$failed" = 0 ] || exit 1
echo "validate-pptx: all decks valid"
