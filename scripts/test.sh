#!/usr/bin/env bash
# The whole test suite, set-up included.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export OMP_THREAD_LIMIT=1
.venv/bin/python -m pytest tests "$@"
