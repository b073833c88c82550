#!/usr/bin/env bash
# Whole-process time of converting one report (print + slides), as a user runs it.
# Prints hyperfine's medians for the conversion and for a baseline measured in the same
# run (the same binary starting and printing its version), and their ratio.
#
#   scripts/time-conversion.sh [REPORT.md] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
report=${1:-tests/fixtures/scraped-zh.md}
runs=${2:-30}
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
cargo build --release --quiet
bin=target/release/folio
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
hyperfine -N --warmup 3 --runs "$runs" --export-json "$out/times.json" \
  -n baseline "$bin --version" \
  -n convert "$bin build -q -o $out $report" >&2
python3 - "$out/times.json" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
base, conv = results["baseline"]["median"], results["convert"]["median"]
print(f"convert median {conv*1000:.1f} ms; baseline (process start) median {base*1000:.1f} ms; ratio {conv/base:.1f}x")
PY
