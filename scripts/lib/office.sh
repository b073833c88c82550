# Shared by the scripts that read decks with python-pptx and LibreOffice
# (validate-pptx.sh, validate-references.sh, reference-renderings.sh,
# charts-contact-sheet.sh); source it from the repository root.

# Prints the python of a private venv holding python-pptx, made on first use
# (FOLIO_PPTX_VENV names another one).
pptx_python() {
  local venv=${FOLIO_PPTX_VENV:-target/pptx-venv}
  if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import pptx" 2>/dev/null; then
    python3 -m venv "$venv" >&2
    "$venv/bin/pip" install --quiet --disable-pip-version-check "python-pptx==1.0.2" >&2
  fi
  echo "$venv/bin/python"
}

# Prints the folio to run: FOLIO_BIN (another build, e.g. the one before a change,
# checked the same way), else this checkout's debug build, built first.
folio_bin() {
  if [ -n "${FOLIO_BIN:-}" ]; then
    echo "$FOLIO_BIN"
  else
    cargo build --locked --quiet >&2
    echo target/debug/folio
  fi
}

# office_convert FORMAT OUTDIR FILE SCRATCH: LibreOffice converts FILE headless into
# OUTDIR, with its profile under SCRATCH (an absolute path) and Folio's bundled fonts
# added to the system's, so its pictures match the PDF's typefaces.
office_convert() {
  local format=$1 outdir=$2 file=$3 scratch=$4
  mkdir -p "$outdir" "$scratch/fontconfig"
  [ -f "$scratch/fontconfig/fonts.conf" ] || cat > "$scratch/fontconfig/fonts.conf" <<CONF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include><dir>$PWD/fonts</dir><cachedir>$scratch/fontconfig/cache</cachedir></fontconfig>
CONF
  FONTCONFIG_FILE="$scratch/fontconfig/fonts.conf" timeout 300 soffice --headless \
    "-env:UserInstallation=file://$scratch/lo-profile" --convert-to "$format" --outdir "$outdir" "$file"
}

# Prints the page count of a PDF (nothing when pdfinfo cannot read it).
pdf_pages() {
  pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}'
}
