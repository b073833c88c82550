#!/usr/bin/env bash
# Checks decks built on company templates (`--reference-pptx`, issue 20) with other
# programs than Folio:
#   1. makes the templates: four of scripts/reference_templates.py (4:3 with Chinese
#      layout names, a logo and a green accent; a 16:9 one with a half-height body box,
#      and the same with its usual body; only a blank and a title-only layout) and
#      Debian LibreOffice's own (LIBREOFFICE_TEMPLATES, below) converted headless;
#   2. builds tests/fixtures/decks/reference-sample.md on each (with section dividers,
#      so every kind of slide is on the template), and scripts/check_reference.py reads
#      each deck against its template (size, theme, layouts, logo, boxes, notes, slides);
#      the 4:3 one with --brand-from-reference: its fonts, missing here, must be warned
#      about, and scripts/check_brand.py finds its accent and a Noto fallback in the PDFs;
#      Beehive's too, with its DejaVu Sans given by --fonts and found in the PDFs;
#      a copy of its deck spoilt by scripts/spoil_deck.py must fail the check; the
#      half-height body must give more slides than the usual one;
#   3. scripts/validate_pptx.py finds each deck's text on its slides PDF's pages and its
#      notes in the .pdfpc, as for Folio's own decks;
#   4. LibreOffice converts each deck to PDF (as many pages as the slides PDF) and saves
#      it back as .pptx, and scripts/impress_fit.py counts the boxes it shrank, tables
#      overlapping and text over the footer;
#   5. the 4:3 template as a .potx under a Chinese name, given by a folio.toml (relative
#      to it) with `brand-from-reference = true` and `[pptx.layouts] content = "两栏内容"`,
#      is checked the same way;
#   6. bad templates (text renamed .pptx, a zip with no presentation, an encrypted
#      file, no layout with a title, over 100 MB) each give exit 1, one error line naming
#      the file, and no output.
# Prints a table: template, slides, placeholders and shapes checked, check failures,
# pages equal (LibreOffice's PDF and the slides PDF), boxes shrunk, overflows.
#
#   scripts/validate-references.sh [--fit-report] [--keep DIR]
#
# --fit-report: print Impress's figures without failing on them. FOLIO_BIN=… checks
# another build. Needs python3 (venv), poppler-utils and libreoffice-impress.
set -euo pipefail
cd "$(dirname "$0")/.."
keep=""
fit_report=""
while [ $# -gt 0 ]; do
  case "$1" in
    --keep) keep="$2"; shift ;;
    --fit-report) fit_report="--report" ;;
    *) echo "usage: scripts/validate-references.sh [--fit-report] [--keep DIR]" >&2; exit 2 ;;
  esac
  shift
done
for tool in pdfinfo pdftoppm soffice; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install poppler-utils libreoffice-impress)" >&2; exit 2; }
done
# Four of Debian's templates: two 16:9 with pictures and shapes on their masters
# (Beehive, Focus), one with eleven masters (Candy), one 4:3 whose first master's body
# box lies low on the slide (Vintage). A missing one fails the run; none is skipped.
LIBREOFFICE_TEMPLATES=(Beehive Focus Candy Vintage)
presnt=/usr/lib/libreoffice/share/template/common/presnt
sample=tests/fixtures/decks/reference-sample.md
# The folder of DejaVu Sans (LibreOffice's dependencies install it), for a template font
# Folio is given with --fonts.
dejavu=$(dirname "$(fc-match -f '%{file}' 'DejaVu Sans')")

# shellcheck source=scripts/lib/office.sh
. scripts/lib/office.sh
python=$(pptx_python)
folio=$(folio_bin)
out=$(realpath -m "${keep:-$(mktemp -d)}")
[ -n "$keep" ] || trap 'rm -rf "$out"' EXIT
rm -rf "$out/templates" "$out/decks" "$out/libreoffice" "$out/saved" "$out/bad" "$out/config"
mkdir -p "$out/templates"
failed=0

"$python" scripts/reference_templates.py "$out/templates" >/dev/null
for name in "${LIBREOFFICE_TEMPLATES[@]}"; do
  if [ ! -f "$presnt/$name.otp" ]; then
    echo "LibreOffice template $presnt/$name.otp is not installed" >&2; failed=1; continue
  fi
  office_convert pptx "$out/templates" "$presnt/$name.otp" "$out" >"$out/templates/$name.log" 2>&1 || true
  if [ ! -s "$out/templates/$name.pptx" ]; then
    echo "LibreOffice could not convert $name.otp:" >&2; cat "$out/templates/$name.log" >&2; failed=1
  fi
done

# build_on NAME TEMPLATE [REPORT]: the deck of REPORT (the sample unless given) on
# TEMPLATE, checked against it; adds a row to the table. The 4:3 one (fonts missing) and Beehive (East Asian font DejaVu Sans, given
# with --fonts) are built with --brand-from-reference; "config" names its template and a
# content layout in a folio.toml instead of on the command line.
build_on() {
  local name=$1 template=$2 report=${3:-$sample} deck dir args=() check_args=() brand=no
  local brand_args=() row_failed=0
  dir="$out/decks/$name"
  case "$name" in
    zh-4x3) args=(--reference-pptx "$template" --brand-from-reference); brand=yes ;;
    Beehive)
      args=(--reference-pptx "$template" --brand-from-reference --fonts "$dejavu")
      brand=yes; brand_args=(--font-dir "$dejavu") ;;
    config)
      args=(--config "$out/config/folio.toml"); check_args=(--content-layout "$config_content")
      brand=yes ;;
    *) args=(--reference-pptx "$template") ;;
  esac
  if ! "$folio" build "${args[@]}" --section-dividers --force -o "$dir" "$report" \
      </dev/null >"$dir.log" 2>&1; then
    echo "folio failed on $template:" >&2; cat "$dir.log" >&2; failed=1
    printf '| %s | build failed | | | | |\n' "$name" >> "$out/table"; return 0
  fi
  deck="$dir/$(basename "$report" .md).pptx"
  local slides_pdf="${deck%.pptx}.slides.pdf"
  if [ "$brand" = yes ]; then
    "$python" scripts/check_brand.py "${brand_args[@]}" "$template" "$slides_pdf" "${deck%.pptx}.pdf" \
      || row_failed=1
  fi
  if [ "$name" = zh-4x3 ]; then
    check_brand_warning "$dir.log" || row_failed=1
    check_the_check "$template" "$deck" "$slides_pdf" || row_failed=1
  fi
  local checks
  checks=$("$python" scripts/check_reference.py "$template" "$deck" "$slides_pdf" "${check_args[@]}") \
    || row_failed=1
  echo "$checks"
  office_convert pdf "$out/libreoffice/$name" "$deck" "$out" >>"$dir.log" 2>&1 || true
  office_convert pptx "$out/saved/$name" "$deck" "$out" >>"$dir.log" 2>&1 || true
  local lo_pages pages equal=yes
  lo_pages=$(pdf_pages "$out/libreoffice/$name/$(basename "$deck" .pptx).pdf")
  pages=$(pdf_pages "$slides_pdf")
  if [ "${lo_pages:-none}" != "$pages" ]; then
    equal="no (${lo_pages:-none} / $pages)"; row_failed=1
    echo "LibreOffice made ${lo_pages:-no} pages of $deck; the slides PDF has $pages" >&2
  fi
  [ "$row_failed" = 0 ] || failed=1
  local summary
  summary=$(tail -n 1 <<<"$checks")
  printf '| %s | %s | %s | %s |\n' "$name" "$pages" \
    "$(sed -E 's/.*: [0-9]+ slides, ([0-9]+) placeholders checked, ([0-9]+) shapes checked, ([0-9]+) failures/\1 | \2 | \3/' <<<"$summary")" \
    "$equal" >> "$out/table"
}

# check_brand_warning LOG: the 4:3 template's Georgia and SimHei are not on this machine,
# so the build must say so.
check_brand_warning() {
  if ! grep -E '^warning: .*(Georgia|SimHei)' "$1" >/dev/null; then
    echo "no warning about the template's missing fonts (Georgia, SimHei) in:" >&2; cat "$1" >&2
    return 1
  fi
}

# check_the_check TEMPLATE DECK SLIDES_PDF: a copy of DECK spoilt by scripts/spoil_deck.py
# (logo, accent, boxes, a slide) fails check_reference.py with each spoil named.
check_the_check() {
  local spoilt="$out/spoilt.pptx" phrases report missed=0
  phrases=$("$python" scripts/spoil_deck.py "$2" "$spoilt")
  if report=$("$python" scripts/check_reference.py "$1" "$spoilt" "$3"); then
    echo "check_reference.py passed a spoilt deck:" >&2; echo "$report" >&2; return 1
  fi
  while IFS= read -r phrase; do
    grep -qF "$phrase" <<<"$report" || { echo "check_reference.py missed: $phrase" >&2; missed=1; }
  done <<<"$phrases"
  [ "$missed" = 0 ] && echo "spoilt deck: check_reference.py caught all $(wc -l <<<"$phrases") spoils"
}

# check_refused TEMPLATE WORD: Folio refuses TEMPLATE with exit 1 and one error line
# naming it and giving WORD (its reason), and writes nothing.
check_refused() {
  local template=$1 word=$2 dest rc=0
  dest="$out/bad/out-$(basename "$template" .pptx)"
  "$folio" build --reference-pptx "$template" -o "$dest" "$sample" </dev/null >"$dest.log" 2>&1 || rc=$?
  local errors written
  errors=$(grep -c '^error: ' "$dest.log" || true)
  written=$(if [ -d "$dest" ]; then find "$dest" -type f | wc -l; else echo 0; fi)
  # The reason is what follows the file's name (which may hold the word too).
  local line reason
  line=$(grep '^error: ' "$dest.log" || true)
  reason=${line#*"$(basename "$template")"}
  if [ "$rc" = 1 ] && [ "$errors" = 1 ] && [ "$written" = 0 ] && [ "$reason" != "$line" ] \
      && grep -qi "$word" <<<"$reason"; then
    echo "refused: $line"
  else
    echo "$(basename "$template"): want exit 1, one error line naming it with \"$word\", no files;" \
      "got exit $rc, $errors error lines, $written files:" >&2
    cat "$dest.log" >&2
    failed=1
  fi
}

mkdir -p "$out/decks" "$out/bad"
: > "$out/table"
while IFS= read -r -d '' template; do
  build_on "$(basename "$template" .pptx)" "$template"
done < <(find "$out/templates" -name '*.pptx' -print0 | sort -z)
# The .potx of the 4:3 template under a Chinese name, named relative to a folio.toml that
# also asks for its brand in the PDFs and puts content slides on another layout
# ([pptx.layouts]); the config alone asks for the .pptx.
config_content="两栏内容"
mkdir -p "$out/config/品牌"
cp "$out/templates/zh-4x3.potx" "$out/config/品牌/公司模板.potx"
cat > "$out/config/folio.toml" <<TOML
reference-pptx = "品牌/公司模板.potx"
brand-from-reference = true

[pptx.layouts]
content = "$config_content"
TOML
build_on config "$out/config/品牌/公司模板.potx"
# Slides the sample has none of: pictures (on the title-only layout of the template with
# only two layouts), callouts and math, and a report of charts.
build_on bare-pictures "$out/templates/bare.pptx" tests/fixtures/with-image/report.md
build_on half-body-constructs "$out/templates/half-body.pptx" tests/fixtures/constructs.md
build_on zh-4x3-charts "$out/templates/zh-4x3.pptx" tests/fixtures/charts/charts.md
# Each deck's text on its slides PDF's page, its notes those of the .pdfpc, its charts'
# values in the PDF: the checks of scripts/validate-pptx.sh, on the template decks.
"$python" scripts/validate_pptx.py "$out/decks" || failed=1
fit=$("$python" scripts/impress_fit.py "$out/saved" "$out/libreoffice" ${fit_report:+"$fit_report"}) || failed=1
echo "$fit"
# check_capacity: the half-height body box must split the sample into more slides than the
# same template with its usual body.
check_capacity() {
  local half wide
  half=$(awk -F' *\\| *' '$2 == "half-body" {print $3}' "$out/table")
  wide=$(awk -F' *\\| *' '$2 == "wide" {print $3}' "$out/table")
  if [ -n "$half" ] && [ -n "$wide" ] && [ "$half" -gt "$wide" ] 2>/dev/null; then
    echo "capacity: $half slides on the half-height body, $wide on the usual one"
  else
    echo "capacity: ${half:-no} slides on the half-height body, ${wide:-no} on the usual one;" \
      "the smaller body box must give more slides" >&2
    failed=1
  fi
}
check_capacity

while read -r name word; do
  check_refused "$out/bad/$name" "$word"
done < <("$python" scripts/reference_templates.py --bad "$out/bad")

echo
echo "| template | slides | placeholders checked | shapes checked | check failures | pages equal (LibreOffice) | boxes shrunk | overflows |"
echo "|---|---:|---:|---:|---:|---|---|---:|"
while IFS= read -r row; do
  name=$(sed -E 's/^\| ([^ ]+) .*/\1/' <<<"$row")
  line=$(grep -F "impress: $name/" <<<"$fit" || true)
  shrunk=$(grep -oE '[0-9]+ boxes shrunk \([^)]*\)' <<<"$line" | sed 's/ boxes shrunk//' || echo "?")
  # Tables over the next shape, slides crossing the footer, and in Impress's PDF
  # slides with text over text or into the footer.
  overflows=$(grep -oE '[0-9]+/[0-9]+ tables overlapping|[0-9]+ slides crossing|[0-9]+ slides with text over text|[0-9]+ with text into' <<<"$line" \
    | awk '{ sum += $1 } END { print sum + 0 }')
  echo "$row $shrunk | $overflows |"
done < "$out/table"
[ "$failed" = 0 ] || { echo "validate-references: FAILED (details above; --keep DIR keeps the files)" >&2; exit 1; }
echo "validate-references: every deck is on its template"
