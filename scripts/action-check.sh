#!/usr/bin/env bash
# Step 3 of the composite action (action.yml), replayed by scripts/ci-smoke.sh: runs
# `gpath check` on the inputs in the current directory and exits with its status (0 pass,
# 1 violations, 2 input or configuration errors). Inputs come as environment variables:
#
#   GPATH_BIN     the gpath binary (action-build.sh's `bin`)                       required
#   GPATH_PATHS   files or bash globs separated by spaces (`models/**/*.net`)      required
#   GPATH_FORMAT  table, github (default), json, junit or sarif
#   GPATH_OUTPUT  write the report there instead of stdout (empty: stdout)
#   GPATH_CONFIG  configuration file (empty: the nearest .gpath.yml above each input)
#   GPATH_ARGS    more arguments for `gpath check`, split on spaces (`--fail-on warning`)
#   GPATH_SARIF   also write a SARIF report there, for the upload step (empty: none)
#
# The SARIF report is written by a second run with --exit-zero, so the file exists for the
# upload step whatever the first run found. `exit-code=N` goes to $GITHUB_OUTPUT.
set -euo pipefail
bin="${GPATH_BIN:?GPATH_BIN must name the gpath binary}"
: "${GPATH_PATHS:?GPATH_PATHS must list the files or globs to check}"
shopt -s globstar nullglob

# Exits with `status`, first recording it as the step's `exit-code` output.
finish() {
    if [[ -n "${GITHUB_OUTPUT:-}" ]]; then echo "exit-code=$1" >> "$GITHUB_OUTPUT"; fi
    exit "$1"
}

files=()
read -r -a patterns <<< "$GPATH_PATHS"
for pattern in "${patterns[@]}"; do
    # Unquoted on purpose: the pattern is expanded as a glob (globstar, nullglob).
    # shellcheck disable=SC2206
    matched=($pattern)
    if ((${#matched[@]} == 0)); then
        echo "::error title=gpath::no file matches '$pattern' (in $(pwd))"
        finish 2
    fi
    files+=("${matched[@]}")
done

common=()
if [[ -n "${GPATH_CONFIG:-}" ]]; then common+=(--config "$GPATH_CONFIG"); fi
if [[ -n "${GPATH_ARGS:-}" ]]; then
    read -r -a extra <<< "$GPATH_ARGS"
    common+=("${extra[@]}")
fi

arguments=(check "${files[@]}" --format "${GPATH_FORMAT:-github}" "${common[@]}")
if [[ -n "${GPATH_OUTPUT:-}" ]]; then arguments+=(-o "$GPATH_OUTPUT"); fi

status=0
"$bin" "${arguments[@]}" || status=$?
if [[ -n "${GPATH_SARIF:-}" ]]; then
    "$bin" check "${files[@]}" --format sarif -o "$GPATH_SARIF" --exit-zero "${common[@]}" || true
fi
finish "$status"
