#!/usr/bin/env bash
# Runs one libFuzzer target for a number of seconds (docs/reliability.md).
#
#   scripts/fuzz.sh TARGET [SECONDS] [libFuzzer arguments…]
#   scripts/fuzz.sh all SECONDS          # every target in turn, SECONDS each
#   scripts/fuzz.sh build                # only build .build-fuzz/…/gpath-fuzz
#
# TARGET: net json darknet yolo onnx config pipeline. The harness is built in its own scratch
# path (.build-fuzz) with coverage instrumentation, AddressSanitizer and libFuzzer's
# no-main runtime; the normal build never needs the fuzzer runtime. Seed corpora are copied
# from examples/ and the test fixtures into .build-fuzz/corpus/TARGET (the fuzzer adds to them
# there), dictionaries are Fuzz/dictionaries/TARGET.dict. Crashes, hangs (> 10 s per input)
# and out-of-memory inputs are written to .build-fuzz/findings/TARGET/; turn each into a
# regression fixture under Tests/GPathFormatsTests/Fixtures/regressions/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SCRATCH=$ROOT/.build-fuzz
TARGETS=(net json darknet yolo onnx config pipeline)
RUNTIME=$(dirname "$(dirname "$(readlink -f "$(command -v swiftc)")")")/lib/swift/clang/lib/linux

build() {
    swift build --scratch-path "$SCRATCH" -c debug --product gpath-fuzz \
        -Xswiftc -DGPATH_LIBFUZZER \
        -Xswiftc -sanitize=address \
        -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp \
        -Xlinker "$RUNTIME/libclang_rt.fuzzer_no_main-x86_64.a" -Xlinker -lstdc++ >&2
}

seed() {  # copies the seed inputs of $1 into its corpus directory
    local target=$1 dir=$SCRATCH/corpus/$1
    mkdir -p "$dir"
    local -a files=()
    case $target in
        net) files=(examples/*.net examples/paper/*.net Tests/GPathFormatsTests/Fixtures/net-*/*.net) ;;
        json) files=(docs/spec/examples/*.json Tests/EndToEndTests/Inputs/*.json) ;;
        darknet) files=(examples/darknet/*.cfg Tests/GPathFormatsTests/Fixtures/darknet/*.cfg) ;;
        yolo) files=(examples/yolo/*.yaml Tests/GPathFormatsTests/Fixtures/yolo/*.yaml) ;;
        onnx) files=(examples/onnx/*.onnx Tests/GPathFormatsTests/Fixtures/onnx/*.onnx) ;;
        config) files=(docs/gpath.example.yml Tests/EndToEndTests/Inputs/check/*.yml) ;;
        pipeline)
            # The first byte picks the reader: 0 .net, 1 JSON, 2 Darknet, 3 YOLO, 4 ONNX.
            local n=0 f
            for f in examples/*.net; do { printf '\x00'; cat "$f"; } > "$dir/net-$((n++))"; done
            for f in docs/spec/examples/*.json; do { printf '\x01'; cat "$f"; } > "$dir/json-$((n++))"; done
            for f in examples/darknet/*.cfg; do { printf '\x02'; cat "$f"; } > "$dir/cfg-$((n++))"; done
            for f in examples/yolo/*.yaml; do { printf '\x03'; cat "$f"; } > "$dir/yaml-$((n++))"; done
            for f in examples/onnx/*.onnx; do { printf '\x04'; cat "$f"; } > "$dir/onnx-$((n++))"; done
            ;;
    esac
    local f
    for f in "${files[@]}"; do [ -f "$f" ] && cp "$f" "$dir/$(echo "$f" | tr '/' '_')"; done
    # Every regression fixture of the format seeds its corpus too.
    for f in Tests/GPathFormatsTests/Fixtures/regressions/*; do
        [ -f "$f" ] || continue
        case "$target:${f##*.}" in
            net:net|json:json|darknet:cfg|yolo:yaml|onnx:onnx|config:yml) cp "$f" "$dir/" ;;
        esac
    done
}

run() {  # run TARGET SECONDS [extra…]
    local target=$1 seconds=$2; shift 2
    local binary=$SCRATCH/debug/gpath-fuzz
    seed "$target"
    mkdir -p "$SCRATCH/findings/$target"
    local -a dict=()
    [ -f "Fuzz/dictionaries/$target.dict" ] && dict=("-dict=Fuzz/dictionaries/$target.dict")
    [ "$target" = pipeline ] && dict=()
    echo "== fuzz $target for ${seconds}s" >&2
    ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1 \
    "$binary" "$target" "$SCRATCH/corpus/$target" "${dict[@]}" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="$SCRATCH/findings/$target/" "$@"
}

case ${1:-} in
    build) build ;;
    all)
        build
        for target in "${TARGETS[@]}"; do run "$target" "${2:-30}"; done ;;
    net|json|darknet|yolo|onnx|config|pipeline)
        target=$1; seconds=${2:-60}; shift; [ $# -gt 0 ] && shift
        build
        run "$target" "$seconds" "$@" ;;
    *) echo "usage: scripts/fuzz.sh build | all SECONDS | TARGET [SECONDS] [libFuzzer args…]" >&2; exit 2 ;;
esac
