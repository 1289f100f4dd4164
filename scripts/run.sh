#!/usr/bin/env bash
# The main job on the bundled samples: parse samples/ into out/ (JSON, manifest, spreadsheets).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/prikaz-parser parse samples/ --out out/ "$@"
