#!/usr/bin/env bash
# Builds a relocatable release tarball: dist/gpath-VERSION-linux-ARCH.tar.gz, holding
#
#   bin/gpath                  release build, Swift runtime and Foundation linked statically
#   README.md, rules.md, gpath.example.yml
#   RUNTIME-DEPENDENCIES.txt   the shared libraries gpath still loads (Graphviz for rendering,
#                              OpenBLAS for training) and the Debian packages that provide them
#
# then unpacks it in a scratch directory and runs it from an unrelated working directory
# (--version, check, render) to prove it needs nothing from the build tree. Not part of CI: a
# release build takes several minutes on CI's two cores.
#
# Usage: scripts/package.sh [OUTPUT-DIRECTORY]   (default: dist/)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$(mkdir -p "${1:-$root/dist}" && cd "${1:-$root/dist}" && pwd)"
cd "$root"

scripts/install-system-packages.sh
build=(swift build -c release --product gpath --static-swift-stdlib)
"${build[@]}"
bin="$("${build[@]}" --show-bin-path)/gpath"

version="$("$bin" --version)"
name="gpath-$version-linux-$(uname -m)"
scratch="$(mktemp -d "${TMPDIR:-/tmp}/gpath-package.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
stage="$scratch/stage/$name"
mkdir -p "$stage/bin"
cp "$bin" "$stage/bin/gpath"
strip "$stage/bin/gpath"
cp README.md docs/rules.md docs/gpath.example.yml "$stage/"

# The shared libraries the binary loads, each with the Debian package that ships it. No Swift
# library may be among them: that is what makes the tarball relocatable.
libraries="$(ldd "$stage/bin/gpath" | awk '/=>/ { print $1 " " $3 }' | sort)"
if grep -Eq 'libswift|libFoundation|libdispatch|libBlocksRuntime| not$' <<< "$libraries"; then
    echo "package: the binary still needs Swift runtime libraries or misses one:" >&2
    echo "$libraries" >&2
    exit 1
fi
{
    echo "gpath $version needs these shared libraries at run time (from ldd on the build machine):"
    echo
    while read -r library path; do
        package=""
        # dpkg knows a file by the path its package installed, which on a merged-/usr system may
        # differ from ldd's by a symlink or a /usr prefix.
        resolved="$(readlink -f "$path")"
        for candidate in "$path" "$resolved" "${path#/usr}" "${resolved#/usr}" "/usr$path" "/usr$resolved"; do
            package="$(dpkg -S "$candidate" 2>/dev/null | head -1 | cut -d: -f1)" || true
            [[ -n "$package" ]] && break
        done
        printf '  %-22s %s\n' "$library" "${package:-(not from a Debian package)}"
    done <<< "$libraries"
    echo
    echo "On Debian 12 / Ubuntu 22.04 and later, the packages beyond the base system:"
    echo
    echo "  apt-get install libgvc6 libcgraph6 libopenblas0 libdnnl2"
    echo
    echo "libgvc6 brings Graphviz's layout and render plugins (gpath render, in-process; no dot"
    echo "binary needed); libopenblas0 and libdnnl2 the GEMM and convolution kernels of gpath train"
    echo "and check --train."
    echo "analyze, check, compare and dot load them too, but do not call them."
} > "$stage/RUNTIME-DEPENDENCIES.txt"

tarball="$out/$name.tar.gz"
tar -C "$scratch/stage" -czf "$tarball.partial" "$name"
mv "$tarball.partial" "$tarball"

# Unpack elsewhere and run from a directory that is neither the build tree nor the unpacked one.
mkdir -p "$scratch/unpacked" "$scratch/elsewhere"
tar -C "$scratch/unpacked" -xzf "$tarball"
cp examples/resnet.net "$scratch/elsewhere/model.net"
(
    cd "$scratch/elsewhere"
    unpacked="$scratch/unpacked/$name/bin/gpath"
    [[ "$("$unpacked" --version)" == "$version" ]]
    "$unpacked" check model.net > check.txt
    grep -q "model.net: 21 layers, 0 errors, 0 warnings — passed" check.txt
    "$unpacked" render model.net -o model.svg
    grep -q "<svg" model.svg
)
echo "package: $tarball ($(du -h "$tarball" | cut -f1)); unpacked and ran check and render from another directory"
