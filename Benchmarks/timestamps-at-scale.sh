#!/usr/bin/env bash
# Times the timestamps level on issue 18's four graphs, whole process, and reads its peak
# resident memory (GNU time). Release build; writes the graphs into a temporary folder.
#
#   Benchmarks/timestamps-at-scale.sh [REPEATS]     # default 3; prints medians
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=${1:-3}
swift build -c release --product gpath >&2
swift build -c release --product gpath-bench >&2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
.build/release/gpath-bench --write-scale-graphs "$dir" >&2
printf '%-26s %9s %9s %11s %s\n' graph "median s" "peak MB" "Σ|T|" level
for file in resnet-1e4-blocks.net vovnet-1e4-modules.net densenet-400-blocks.net random-1e5.net; do
    times=() peak=0
    for _ in $(seq "$repeats"); do
        /usr/bin/time -f '%e %M' -o "$dir/time" .build/release/gpath analyze "$dir/$file" --analysis timestamps \
            --format json -o "$dir/report.json" 2> "$dir/stderr"
        read -r seconds kilobytes < "$dir/time"
        times+=("$seconds")
        (( kilobytes > peak )) && peak=$kilobytes
    done
    median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}')
    total=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(d['network'].get('total_timestamps', '-'), d['analysis'])" "$dir/report.json")
    printf '%-26s %9s %9d %11s %s\n' "$file" "$median" $((peak / 1024)) $total
done
