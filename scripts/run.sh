#!/usr/bin/env bash
# The main job on the bundled samples: parse samples/ into out/ (JSON, manifest, spreadsheets),
# then compare the districts into out/compare/ (tables and report.html).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
status=0
.venv/bin/prikaz-parser parse samples/ --out out/ "$@" || status=$?
if [ "$status" -gt 1 ]; then exit "$status"; fi
.venv/bin/prikaz-parser compare out/ --out out/compare
echo "results: out/ (manifest.csv, corpus.xlsx, <stem>.json); report: out/compare/report.html"
exit "$status"
