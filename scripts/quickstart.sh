#!/usr/bin/env bash
# One command from a fresh clone: install what is missing, build, analyse a bundled example.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-system-packages.sh
swift build -c release --product gpath
.build/release/gpath analyze examples/resnet.net "$@"
