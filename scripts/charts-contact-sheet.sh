#!/usr/bin/env bash
# Makes docs/charts-contact-sheet.png: chart slides of the chart fixture and a bundled
# report as Folio's slides PDF draws them (left) and as LibreOffice draws the same slides
# from the .pptx's native charts (right). The sheet itself is a Folio report of the
# pictures, typeset by Folio.
#
#   scripts/charts-contact-sheet.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v soffice >/dev/null || { echo "needs LibreOffice (apt-get install libreoffice-impress)" >&2; exit 2; }
command -v pdftoppm >/dev/null || { echo "needs pdftoppm (apt-get install poppler-utils)" >&2; exit 2; }
cargo build --locked --quiet
bin=target/debug/folio
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
$bin build --pptx --force -q -o "$out/decks" tests/fixtures/charts/charts.md content/zh/2025.10.12-数据中心液冷产业观察.md
# shellcheck source=scripts/lib/office.sh
. scripts/lib/office.sh
mkdir -p "$out/sheet"
# (deck, slide page) pairs: growth with a second axis and estimates, a ranking, losses,
# and a bundled report's market table (two lines on the second axis, estimates).
shots=("charts 6" "charts 8" "charts 12" "2025.10.12-数据中心液冷产业观察 5")
{
  echo "# Charts: slides PDF and PowerPoint"
  echo
  echo "| Folio slides PDF (Typst) | The .pptx in LibreOffice (native chart) |"
  echo "|---|---|"
} > "$out/sheet/sheet.md"
for shot in "${shots[@]}"; do
  read -r deck page <<<"$shot"
  pptx=$(find "$out/decks" -name "$deck.pptx")
  if [ ! -f "$out/lo/$deck.pdf" ]; then
    office_convert pdf "$out/lo" "$pptx" "$out" >/dev/null 2>&1
  fi
  pdftoppm -r 72 -png -singlefile -f "$page" -l "$page" "${pptx%.pptx}.slides.pdf" "$out/sheet/$deck-$page-typst"
  pdftoppm -r 72 -png -singlefile -f "$page" -l "$page" "$out/lo/$deck.pdf" "$out/sheet/$deck-$page-lo"
  echo "| ![]($deck-$page-typst.png) | ![]($deck-$page-lo.png) |" >> "$out/sheet/sheet.md"
done
$bin build --only report --force -q -o "$out/sheet-out" "$out/sheet/sheet.md"
pdftoppm -r 110 -png -singlefile -f 1 -l 1 "$out/sheet-out/sheet.pdf" docs/charts-contact-sheet
echo "wrote docs/charts-contact-sheet.png"
