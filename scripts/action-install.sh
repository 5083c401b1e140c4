#!/usr/bin/env bash
# Step 1 of the composite action (action.yml), replayed by scripts/ci-smoke.sh: installs the
# Debian packages gpath builds against (libgraphviz-dev, libopenblas-dev, libdnnl-dev; see
# scripts/system-packages.txt). Idempotent, and quiet when everything is present.
set -euo pipefail
exec "$(cd "$(dirname "$0")" && pwd)/install-system-packages.sh"
