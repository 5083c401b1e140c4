#!/usr/bin/env bash
# Regenerates docs/experiments.md and docs/images/experiments/ end to end: builds the release
# gpath binary, then runs experiments/run.py (static tables, pictures, ~30 minutes of training on
# 2 cores). Extra arguments go to run.py: --resume, --jobs N, --only EXPERIMENT, --smoke.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z "${GPATH_BIN:-}" ]]; then
  swift build -c release --product gpath
  GPATH_BIN=.build/release/gpath
fi
exec python3 experiments/run.py --gpath "$GPATH_BIN" "$@"
