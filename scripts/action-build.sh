#!/usr/bin/env bash
# Step 2 of the composite action (action.yml), replayed by scripts/ci-smoke.sh: builds the gpath
# product of this package and writes the binary's path as `bin=…` to $GITHUB_OUTPUT (and to
# stdout's last line).
#
#   GPATH_CONFIGURATION  release (default) or debug. A debug build takes about half as long and
#                        gives the same results; the action's cache keeps either between runs.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
configuration="${GPATH_CONFIGURATION:-release}"
case "$configuration" in
    release | debug) ;;
    *) echo "::error title=gpath::build-configuration must be release or debug, not '$configuration'" >&2; exit 2 ;;
esac
swift build --package-path "$root" -c "$configuration" --product gpath
bin="$(swift build --package-path "$root" -c "$configuration" --show-bin-path)/gpath"
"$bin" --version >/dev/null
if [[ -n "${GITHUB_OUTPUT:-}" ]]; then echo "bin=$bin" >> "$GITHUB_OUTPUT"; fi
echo "bin=$bin"
