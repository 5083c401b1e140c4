#!/usr/bin/env bash
# Regenerates Sources/GPathFormats/ONNX/Generated/onnx-subset.pb.swift from proto/onnx-subset.proto.
# Needs Debian's protoc (apt-get install -y protobuf-compiler) and builds protoc-gen-swift from
# the swift-protobuf version the package depends on, in a scratch package under .build-protoc.
# CI does not run this: the generated file is committed and the build needs only the runtime.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v protoc >/dev/null || { echo "protoc not found: apt-get install -y protobuf-compiler" >&2; exit 1; }

scratch=.build-protoc
mkdir -p "$scratch/Sources/Placeholder"
cat > "$scratch/Package.swift" <<'SWIFT'
// swift-tools-version:6.0
import PackageDescription
let package = Package(
    name: "protoc-gen-swift-builder",
    dependencies: [.package(url: "https://github.com/apple/swift-protobuf", exact: "1.39.0")],
    targets: [.target(name: "Placeholder", dependencies: [.product(name: "SwiftProtobuf", package: "swift-protobuf")])])
SWIFT
echo "// placeholder so SwiftPM accepts the target" > "$scratch/Sources/Placeholder/Placeholder.swift"
swift build --package-path "$scratch" --product protoc-gen-swift -c release
plugin="$(swift build --package-path "$scratch" -c release --show-bin-path)/protoc-gen-swift"

out=Sources/GPathFormats/ONNX/Generated
mkdir -p "$out"
protoc --plugin=protoc-gen-swift="$plugin" --swift_out="$out" --swift_opt=Visibility=Internal \
    -I proto proto/onnx-subset.proto
echo "wrote $out/onnx-subset.pb.swift"
