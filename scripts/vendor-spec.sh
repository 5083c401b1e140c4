#!/usr/bin/env bash
# Copies a newer team specification (its gradient-paths.md, graph-json.md, formats.md, cli.md,
# toolchain.md, examples/ and expected/) into docs/spec and shows what changed. Developers run
# it by hand with the folder as argument; nothing in the build, the tests or CI reads outside
# the repository.
set -euo pipefail
source_dir="${1:?usage: scripts/vendor-spec.sh PATH/TO/spec}"
cd "$(dirname "$0")/.."
target=docs/spec
for file in gradient-paths.md graph-json.md formats.md cli.md toolchain.md; do
    [[ -f "$source_dir/$file" ]] || { echo "vendor-spec: $source_dir/$file not found" >&2; exit 2; }
    cp "$source_dir/$file" "$target/$file"
done
for folder in examples expected; do
    [[ -d "$source_dir/$folder" ]] || { echo "vendor-spec: $source_dir/$folder not found" >&2; exit 2; }
    rm -rf "${target:?}/$folder"
    cp -r "$source_dir/$folder" "$target/$folder"
done
chmod -R u+w "$target"
# The one local edit: §11 points at a folder that is not in the repository.
sed -i 's#^- The source article for this project (Chinese summary of the paper):.*#- The source article for this project is a Chinese summary of the paper, kept by the team outside the repository.#' "$target/gradient-paths.md"
git diff --stat -- "$target"
echo "vendor-spec: copied; add new examples to the table in docs/gradient-paths.md and run swift test"
