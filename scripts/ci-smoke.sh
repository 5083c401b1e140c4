#!/usr/bin/env bash
# Replays the composite action (action.yml) the way a user's workflow runs it: in an empty
# directory holding only a passing and a failing model, the action's own step scripts —
# scripts/action-install.sh, action-build.sh, action-check.sh — with the environment action.yml
# gives them, then checks exit codes, annotations, the SARIF and JUnit files and the step
# outputs. Run by .ci/run after `swift test`, so our CI proves the README's recipe.
#
# Not replayed: actions/cache and the SARIF upload, which are GitHub's own actions.
#
# The build step defaults to the debug configuration here (CI_SMOKE_CONFIGURATION=release to
# override): .ci/run has just built everything in debug with `swift build --build-tests`, so
# the step is then an up-to-date check that takes seconds, where a release build would add
# several minutes to every CI run. action-build.sh runs the same commands either way.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/gpath-ci-smoke.XXXXXX")"
trap 'rm -rf "$work"' EXIT
passes=0
failures=0

fail() { echo "ci-smoke: FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ci-smoke: ok: $*"; passes=$((passes + 1)); }

# The action.yml steps must be the scripts replayed here, with the variables they read.
for script in action-install.sh action-build.sh action-check.sh; do
    grep -q "\"\$GITHUB_ACTION_PATH/scripts/$script\"" "$root/action.yml" || fail "action.yml does not run scripts/$script"
done
for variable in $(grep -o '^#   GPATH_[A-Z]*' "$root/scripts/action-check.sh" | cut -c5-) GPATH_CONFIGURATION; do
    grep -q "^        $variable: " "$root/action.yml" || fail "action.yml does not set $variable"
done

# An empty workspace with two models: a small residual net (passes the defaults) and a plain
# 30-layer chain (its first layer's shortest gradient path is 31 > 22: GP001 fails).
mkdir -p "$work/workspace/models"
cat > "$work/workspace/models/residual.net" <<'NET'
# A small residual network: passes the default rules.
network residual
input image 3x32x32
block basic(c) {
  conv(c, k=3) bn relu
  main = conv(c, k=3) bn
  add(main, in) relu
}
stem = conv(16, k=3) bn relu
body = repeat 8 basic(16)
gap
fc = linear(10)
loss ce = cross_entropy(fc)
NET
cat > "$work/workspace/models/plain.net" <<'NET'
# A plain 30-layer chain: fails max_shortest_gradient_path (GP001).
network plain
input image 3x32x32
stem = conv(16, k=3) bn relu
body = repeat 29 conv(16, k=3) bn relu
gap
fc = linear(10)
loss ce = cross_entropy(fc)
NET
cat > "$work/workspace/lenient.gpath.yml" <<'YML'
rules:
  max_shortest_gradient_path: 40
YML

export GITHUB_ACTION_PATH="$root"
export GITHUB_OUTPUT="$work/github-output"
: > "$GITHUB_OUTPUT"
cd "$work/workspace"

# Step 1: Debian packages.
"$GITHUB_ACTION_PATH/scripts/action-install.sh" && pass "install step" || fail "install step exited $?"

# Step 2: build, reading the binary's path back from $GITHUB_OUTPUT as the next step does.
GPATH_CONFIGURATION="${CI_SMOKE_CONFIGURATION:-debug}" "$GITHUB_ACTION_PATH/scripts/action-build.sh" > "$work/build.log" 2>&1 \
    || { cat "$work/build.log" >&2; fail "build step"; echo "ci-smoke: $passes passed, $failures failed"; exit 1; }
bin="$(sed -n 's/^bin=//p' "$GITHUB_OUTPUT" | tail -1)"
[[ -x "$bin" ]] && pass "build step wrote bin=$bin" \
    || { fail "build step wrote no executable bin= output"; echo "ci-smoke: $passes passed, $failures failed"; exit 1; }

# Step 3: check, as action.yml calls it. run_check STATUS NAME [VAR=VALUE...]
run_check() {
    local expected=$1 name=$2 status=0
    shift 2
    env GPATH_BIN="$bin" GPATH_FORMAT=github GPATH_OUTPUT= GPATH_CONFIG= GPATH_ARGS= GPATH_SARIF= "$@" \
        "$GITHUB_ACTION_PATH/scripts/action-check.sh" > "$work/$name.out" 2>&1 || status=$?
    if [[ $status == "$expected" ]]; then pass "$name: exit $status"; else fail "$name: exit $status, expected $expected"; cat "$work/$name.out" >&2; fi
    local reported
    reported="$(sed -n 's/^exit-code=//p' "$GITHUB_OUTPUT" | tail -1)"
    [[ $reported == "$status" ]] || fail "$name: exit-code output is '$reported', not $status"
}

run_check 0 passing GPATH_PATHS="models/residual.net"
grep -q '::error' "$work/passing.out" && fail "passing: annotations on a passing model"

run_check 1 failing GPATH_PATHS="models/*.net"
# One grouped finding for the plain stack: at its worst layer (the stem, line 4), naming the
# repeated line 5 as a further location.
grep -q '::error file=models/plain.net,line=4,.*title=gpath/GP001::.*also at models/plain.net:5:1' "$work/failing.out" \
    && pass "failing: one grouped GP001 annotation at models/plain.net:4 (also at :5)" || { fail "failing: no grouped GP001 annotation"; cat "$work/failing.out" >&2; }

run_check 1 sarif GPATH_PATHS="models/**/*.net" GPATH_SARIF="gpath.sarif"
if python3 - gpath.sarif <<'PY'
import json, sys
log = json.load(open(sys.argv[1]))
assert log["version"] == "2.1.0", log["version"]
results = log["runs"][0]["results"]
uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
assert "models/plain.net" in uris and "models/residual.net" not in uris, uris
assert {r["ruleId"] for r in results} == {"GP001"}, {r["ruleId"] for r in results}
PY
then pass "sarif: valid SARIF 2.1.0 with GP001 results for models/plain.net only"; else fail "sarif: gpath.sarif missing or wrong"; fi

run_check 0 config GPATH_PATHS="models/*.net" GPATH_CONFIG="lenient.gpath.yml"

run_check 1 junit GPATH_PATHS="models/*.net" GPATH_FORMAT=junit GPATH_OUTPUT="gpath-junit.xml"
grep -q '<testsuites' gpath-junit.xml 2>/dev/null && pass "junit: report written to gpath-junit.xml" || fail "junit: no gpath-junit.xml"

run_check 0 args GPATH_PATHS="models/plain.net" GPATH_ARGS="--rule max_shortest_gradient_path=off"

run_check 2 no-match GPATH_PATHS="nets/*.net"
grep -q "::error title=gpath::no file matches 'nets/\*.net'" "$work/no-match.out" \
    && pass "no-match: annotation names the pattern" || fail "no-match: no annotation"

# The closing line, in the plain form CI reads as a test count.
echo "ci-smoke: $passes passed, $failures failed"
((failures == 0))
