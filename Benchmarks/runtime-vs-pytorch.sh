#!/usr/bin/env bash
# gpath's CPU runtime against PyTorch on issue 17's training step: ResNet-20, Plain-20 and
# DenseNet-BC-40 (examples/*.net; Benchmarks/pytorch_step.py builds the same networks), batch
# 32, forward + backward + SGD momentum 0.9, weight decay 5e-4, 2 warm-up steps, median ms/step
# over STEPS. gpath-runtime-bench (--threads T --workers T) and pytorch_step.py (--threads T)
# run interleaved for T = 1 and 2, REPEATS times; the table shows the median of the per-run
# medians and the ratio gpath / PyTorch (below 1: gpath faster).
# Peak RSS (GNU time %M, MB) per network, each alone in its own process (gpath-runtime-bench
# --only NAME, pytorch_step.py --memory NAME), and of each tool's whole run of the three. Both
# include the library itself (PyTorch's import alone is about 200 MB).
# Needs a Python with torch (PYTHON=/path/to/python; not needed by CI). Release build; NO_BUILD=1
# skips `swift build` and uses the binary already in .build/release.
#
#   PYTHON=venv/bin/python [STEPS=10] Benchmarks/runtime-vs-pytorch.sh [REPEATS]   # default 3
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
repeats=${1:-3}
steps=${STEPS:-10}
if ! "$python" -c "import torch" 2>/dev/null; then
    echo "PyTorch is not installed for $python: set PYTHON to a Python with torch; nothing measured" >&2
    exit 0
fi
[[ -n "${NO_BUILD:-}" ]] || swift build -c release --product gpath-runtime-bench >&2
bench=.build/release/gpath-runtime-bench
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
nets="resnet20 plain20 densenet_bc40"
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }
maximum() { sort -n | tail -1; }
# Appends "params median" per network from one run's output to $dir/TOOL.T.NET.
collect() {  # tool threads output-file params-column median-column
    for net in $nets; do
        awk -v n="$net" -v p="$4" -v m="$5" '$1 == n {print $p, $m}' "$3" >> "$dir/$1.$2.$net"
    done
}
for rep in $(seq "$repeats"); do
    for t in 1 2; do
        echo "repeat $rep/$repeats, $t thread(s)" >&2
        /usr/bin/time -f %M -o "$dir/time" "$bench" --threads "$t" --workers "$t" --steps "$steps" > "$dir/out"
        collect gpath "$t" "$dir/out" 2 4
        cat "$dir/time" >> "$dir/gpath-rss.$t"
        /usr/bin/time -f %M -o "$dir/time" "$python" -W ignore Benchmarks/pytorch_step.py --threads "$t" --steps "$steps" > "$dir/out" 2>/dev/null
        collect torch "$t" "$dir/out" 2 3
        cat "$dir/time" >> "$dir/torch-rss.$t"
    done
done
# Peak RSS per network: that network alone in its own process.
for t in 1 2; do
    for net in $nets; do
        "$python" -W ignore Benchmarks/pytorch_step.py --threads "$t" --steps "$steps" --memory "$net" 2>/dev/null |
            awk -v n="$net" '$1 == n {print $5}' > "$dir/torch-net-rss.$t.$net"
        /usr/bin/time -f %M -o "$dir/time" "$bench" --threads "$t" --workers "$t" --steps "$steps" --only "$net" > /dev/null
        echo $(($(cat "$dir/time") / 1024)) > "$dir/gpath-net-rss.$t.$net"
    done
done
printf '%-14s %3s %9s %9s %10s %10s %7s %9s %9s %10s %10s\n' network T "gpath par" "torch par" "gpath ms" "torch ms" ratio \
    "gpath MB" "torch MB" "gpath all" "torch all"
for net in $nets; do
    for t in 1 2; do
        gp=$(head -1 "$dir/gpath.$t.$net" | cut -d' ' -f1)
        tp=$(head -1 "$dir/torch.$t.$net" | cut -d' ' -f1)
        g=$(cut -d' ' -f2 "$dir/gpath.$t.$net" | median)
        p=$(cut -d' ' -f2 "$dir/torch.$t.$net" | median)
        printf '%-14s %3d %9s %9s %10.1f %10.1f %6.2fx %9s %9s %10d %10d\n' "$net" "$t" "$gp" "$tp" "$g" "$p" \
            "$(echo "$g / $p" | bc -l)" "$(cat "$dir/gpath-net-rss.$t.$net")" "$(cat "$dir/torch-net-rss.$t.$net")" \
            $(($(maximum < "$dir/gpath-rss.$t") / 1024)) $(($(maximum < "$dir/torch-rss.$t") / 1024))
        [[ "$gp" == "$tp" ]] || echo "  parameter counts differ for $net: gpath $gp, PyTorch $tp" >&2
    done
done
echo "ms: median over $repeats runs of each run's median of $steps steps; ratio: gpath ms / PyTorch ms (below 1: gpath faster)"
echo "MB: peak RSS of that network alone in its own process; all: of the whole run of three networks"
