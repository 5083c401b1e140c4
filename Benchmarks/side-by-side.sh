#!/usr/bin/env bash
# gpath against rustworkx on issue 18's graphs, whole process each (GNU time: wall seconds and
# peak memory), one graph JSON file per graph; then the path pass alone against rustworkx's
# Dijkstra + longest-path DP (`paths_s`, timed inside the Python script), medians of REPEATS.
# Needs a Python with rustworkx (PYTHON=/path/to/python; not needed by CI). Release build.
#
#   PYTHON=venv/bin/python Benchmarks/side-by-side.sh [REPEATS]     # default 3; medians
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
repeats=${1:-3}
"$python" -c "import rustworkx" 2>/dev/null || { echo "rustworkx is not installed for $python" >&2; exit 1; }
swift build -c release --product gpath >&2
swift build -c release --product gpath-bench >&2
# GRAPHS=DIR reuses graphs (X.net and X.json) written by an earlier run instead of writing them anew.
if [[ -n "${GRAPHS:-}" ]]; then
    dir=$GRAPHS
else
    dir=$(mktemp -d)
    trap 'rm -rf "$dir"' EXIT
    .build/release/gpath-bench --write-side-by-side-graphs "$dir" >&2
fi
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }
printf '%-26s %10s %9s %10s %9s %8s %11s %9s %8s %8s\n' graph "gpath s" "gpath MB" "rx s" "rx MB" "ratio" "gpath pass" "rx sp+lp" "ratio" "checks"
for net in random-1e5 random-1e6 densenet-4000-blocks resnet-1e5-blocks; do
    [[ -f "$dir/$net.json" ]] || .build/release/gpath convert "$dir/$net.net" --to graph-json -o "$dir/$net.json"
    g_times=() r_times=() r_paths=() g_peak=0 r_peak=0
    for _ in $(seq "$repeats"); do
        /usr/bin/time -f '%e %M' -o "$dir/time" .build/release/gpath analyze "$dir/$net.json" --analysis paths --format json -o "$dir/report.json"
        read -r s kb < "$dir/time"; g_times+=("$s"); (( kb > g_peak )) && g_peak=$kb
        /usr/bin/time -f '%e %M' -o "$dir/time" "$python" Benchmarks/rustworkx_paths.py "$dir/$net.json" > "$dir/rx.json"
        read -r s kb < "$dir/time"; r_times+=("$s"); (( kb > r_peak )) && r_peak=$kb
        r_paths+=("$("$python" -c 'import json, sys; print(json.load(open(sys.argv[1]))["paths_s"])' "$dir/rx.json")")
    done
    g_pass=$(.build/release/gpath-bench --path-pass "$dir/$net.json" --repeats "$((repeats * 3))" | awk '{print $5}')
    r_pass=$(printf '%s\n' "${r_paths[@]}" | median)
    g=$(printf '%s\n' "${g_times[@]}" | median)
    r=$(printf '%s\n' "${r_times[@]}" | median)
    checks=$("$python" - "$dir/report.json" "$dir/rx.json" <<'PY'
import json, sys
g = json.load(open(sys.argv[1]))["network"]
r = json.loads(open(sys.argv[2]).read())
# Longest paths must agree; channel-exact shortest paths can only be longer than node-level ones.
ok = g["longest_path"] == r["max_longest"] and g["longest_shortest_path_layerwise"] >= r["max_shortest"]
print("ok" if ok else f"DIFFER {g['longest_shortest_path_layerwise']},{g['longest_path']} vs {r['max_shortest']},{r['max_longest']}")
PY
)
    printf '%-26s %10s %9d %10s %9d %7.2fx %11s %9s %7.1fx %8s\n' "$net" "$g" $((g_peak / 1024)) "$r" $((r_peak / 1024)) \
        "$(echo "$g / $r" | bc -l)" "$g_pass" "$r_pass" "$(echo "$r_pass / $g_pass" | bc -l)" "$checks"
done
echo "ratio: gpath whole-process seconds / rustworkx whole-process seconds (below 1: gpath faster)"
echo "pass ratio: rustworkx sp + lp seconds / gpath path-pass seconds (above 1: gpath faster)"
