#!/usr/bin/env bash
# Makes docs/reference-<template>.png: the deck of tests/fixtures/decks/reference-sample.md
# built on a company template (`--reference-pptx`, issue 20), as LibreOffice Impress
# draws the .pptx, every slide on one contact sheet. By default two templates: one of
# Debian LibreOffice's (converted to .pptx headless) and the 4:3 one with Chinese layout
# names, a logo and a green accent from scripts/reference_templates.py; any template
# either makes can be named instead.
#
#   scripts/reference-renderings.sh [NAME…]     (FOLIO_BIN=… renders another build)
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in pdftoppm soffice; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install poppler-utils libreoffice-impress)" >&2; exit 2; }
done
# shellcheck source=scripts/lib/office.sh
. scripts/lib/office.sh
python=$(pptx_python)
folio=$(folio_bin)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
sample=tests/fixtures/decks/reference-sample.md

presnt=/usr/lib/libreoffice/share/template/common/presnt
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(Beehive zh-4x3)

"$python" scripts/reference_templates.py "$out/templates" >/dev/null
for name in "${names[@]}"; do
  if [ -f "$presnt/$name.otp" ]; then
    office_convert pptx "$out/templates" "$presnt/$name.otp" "$out" >/dev/null 2>&1
  fi
  [ -s "$out/templates/$name.pptx" ] || { echo "no template $name (LibreOffice's or ours)" >&2; exit 1; }
  "$folio" build --reference-pptx "$out/templates/$name.pptx" --section-dividers --force -q \
    -o "$out/$name" "$sample"
  office_convert pdf "$out/$name/lo" "$out/$name/reference-sample.pptx" "$out" >/dev/null 2>&1
  pdftoppm -r 28 -png "$out/$name/lo/reference-sample.pdf" "$out/$name/page"
  "$python" scripts/contact_sheet.py "docs/reference-$name.png" 5 "$out/$name"/page-*.png
  echo "wrote docs/reference-$name.png ($(( $(stat -c %s "docs/reference-$name.png") / 1024 )) KB)"
done
