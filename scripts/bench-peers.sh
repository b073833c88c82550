#!/usr/bin/env bash
# Folio against pandoc + typst on the same reports, in one run, on this machine.
#
#   scripts/bench-peers.sh [N] [REPORT]   (needs python3 and hyperfine)
#
# N reports (default 50): copies of REPORT if given, else made from the samples in
# content/; each copy gets its own closing line, so no two are identical.
#
# Installs pandoc (PyPI pypandoc-binary) and the Typst compiler (PyPI typst) into a
# temporary virtualenv. Times, as medians of several runs (5 for batches, 30 for one report): pandoc + typst producing the
# print PDFs only, both in one Python process (the fastest way to drive them) and one
# process per file as a shell loop would; Folio -j 1 and Folio on all cores producing
# print PDF + slides + notes; a single report the same way; and Folio's peak memory for N
# and for 1,000 reports.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-50}
report=${2:-}
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet pypandoc-binary typst
cargo build --release --quiet
folio=$PWD/target/release/folio

# N distinct reports made from the samples (each gets its own closing line).
make_corpus() {
  local dir=$1 count=$2 i=0
  mkdir -p "$dir"
  if [ -n "$report" ]; then samples=("$report"); else mapfile -t samples < <(ls content/*/*.md); fi
  while [ "$i" -lt "$count" ]; do
    local src=${samples[$((i % ${#samples[@]}))]}
    { cat "$src"; printf '\n\nCopy %d of the sample.\n' "$i"; } > "$dir/r$i.md"
    i=$((i + 1))
  done
}
make_corpus "$work/in" "$n"
make_corpus "$work/in1000" 1000
mkdir -p "$work/one" && cp "$work/in/r0.md" "$work/one/"

# pandoc + typst: Markdown → Typst → PDF for each file, in one Python process (which
# spares them the process start-ups a shell loop would pay).
cat > "$work/peers.py" <<'PY'
import pathlib, subprocess, sys, pypandoc, typst
src, out, fonts = map(pathlib.Path, sys.argv[1:4])
out.mkdir(exist_ok=True)
pandoc = pypandoc.get_pandoc_path()
for md in sorted(src.glob("*.md")):
    typ = out / (md.stem + ".typ")
    subprocess.run([pandoc, "-f", "gfm", "-t", "typst", "-s", str(md), "-o", str(typ)], check=True)
    typst.compile(str(typ), output=str(out / (md.stem + ".pdf")), font_paths=[str(fonts)])
PY
py=$work/venv/bin/python
# The same, one pandoc and one Typst process per file.
cat > "$work/loop.sh" <<SH
#!/usr/bin/env bash
mkdir -p "\$2"
for md in "\$1"/*.md; do
  stem=\$(basename "\$md" .md)
  $work/venv/bin/pypandoc-pandoc -f gfm -t typst -s "\$md" -o "\$2/\$stem.typ"
  $py -c 'import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], font_paths=[sys.argv[3]])' \
    "\$2/\$stem.typ" "\$2/\$stem.pdf" "$PWD/fonts"
done
SH
chmod +x "$work/loop.sh"
ln -sf "$("$py" -c 'import pypandoc; print(pypandoc.get_pandoc_path())')" "$work/venv/bin/pypandoc-pandoc"
hyperfine -N --warmup 1 --runs 5 --export-json "$work/batch.json" \
  -n "pandoc+typst (print)" "$py $work/peers.py $work/in $work/peers $PWD/fonts" \
  -n "pandoc+typst, a process per file (print)" "$work/loop.sh $work/in $work/loop" \
  -n "folio -j 1 (print+slides)" "$folio build $work/in -o $work/f1 -q --force -j 1" \
  -n "folio (print+slides)" "$folio build $work/in -o $work/f2 -q --force" >&2
hyperfine -N --warmup 3 --runs 30 --export-json "$work/one.json" \
  -n "pandoc+typst (print)" "$py $work/peers.py $work/one $work/peers1 $PWD/fonts" \
  -n "folio (print+slides)" "$folio build $work/one -o $work/f3 -q --force" >&2
peak() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
mem_n=$(peak "$folio" build "$work/in" -o "$work/m1" -q --force)
mem_1000=$(peak "$folio" build "$work/in1000" -o "$work/m2" -q --force)
"$py" - "$work/batch.json" "$work/one.json" "$n" "$mem_n" "$mem_1000" <<'PY'
import json, sys
batch = {r["command"]: r["median"] for r in json.load(open(sys.argv[1]))["results"]}
one = {r["command"]: r["median"] for r in json.load(open(sys.argv[2]))["results"]}
n, mem_n, mem_1000 = sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
peers = batch["pandoc+typst (print)"]
loop = batch["pandoc+typst, a process per file (print)"]
print(f"| measured (median) | time | vs pandoc+typst | vs a process per file |")
print(f"|---|---:|---:|---:|")
for name, t in batch.items():
    print(f"| {n} reports, {name} | {t:.2f} s | {peers / t:.1f}x | {loop / t:.1f}x |")
p1, f1 = one["pandoc+typst (print)"], one["folio (print+slides)"]
print(f"| 1 report, pandoc+typst (print) | {p1 * 1000:.0f} ms | 1.0x | |")
print(f"| 1 report, folio (print+slides) | {f1 * 1000:.0f} ms | {p1 / f1:.1f}x | |")
j1, j2 = batch["folio -j 1 (print+slides)"], batch["folio (print+slides)"]
print(f"\n-j 2 vs -j 1: {j1 / j2:.2f}x; peak memory {n} reports: {mem_n / 1024:.0f} MB, "
      f"1000 reports: {mem_1000 / 1024:.0f} MB ({mem_1000 / mem_n:.2f}x)")
PY
