// swift-tools-version:6.0
// The package is the architecture diagram: dependencies point down, from the
// `gpath` executable through the report and analysis layers to the IR.
import PackageDescription

let package = Package(
    name: "gpath",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "gpath", targets: ["gpath"]),
        .library(name: "GPathAnalysis", targets: ["GPathAnalysis"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/apple/swift-protobuf", exact: "1.39.0"),
    ],
    targets: [
        .target(name: "GPathDiagnostics"),
        .target(name: "GPathIR", dependencies: ["GPathDiagnostics"], exclude: ["README.md"]),
        .target(
            name: "GPathFormats",
            dependencies: [
                "GPathIR", "GPathDiagnostics", .product(name: "Yams", package: "Yams"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]),
        .target(
            name: "GPathAnalysis",
            dependencies: ["GPathIR", "GPathDiagnostics", .product(name: "BigInt", package: "BigInt")]),
        .target(name: "GPathReport", dependencies: ["GPathAnalysis", "GPathIR", "GPathDiagnostics"]),
        .target(
            name: "GPathConfig",
            dependencies: ["GPathAnalysis", "GPathDiagnostics", .product(name: "Yams", package: "Yams")]),
        .systemLibrary(name: "CGraphviz", pkgConfig: "libgvc", providers: [.apt(["libgraphviz-dev"])]),
        .target(name: "GPathRender", dependencies: ["CGraphviz"], exclude: ["README.md"]),
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CDNNL", providers: [.apt(["libdnnl-dev"])]),
        // Hot loops live here: -Ounchecked even in debug builds, so `swift test` trains at speed.
        .target(
            name: "GPathRuntime", dependencies: ["GPathIR", "COpenBLAS", "CDNNL"], exclude: ["README.md"],
            swiftSettings: [.unsafeFlags(["-Ounchecked"])]),
        .executableTarget(
            name: "gpath",
            dependencies: [
                "GPathReport", "GPathAnalysis", "GPathConfig", "GPathFormats", "GPathIR", "GPathDiagnostics", "GPathRender", "GPathRuntime",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "gpath-bench",
            dependencies: ["GPathAnalysis", "GPathFormats", "GPathIR", "GPathReport", "JSONReportBaseline"],
            path: "Benchmarks/GPathBench"),
        // The JSON report writer before streaming: the benchmark's baseline and the tests' reference.
        .target(
            name: "JSONReportBaseline", dependencies: ["GPathReport", "GPathAnalysis", "GPathIR"],
            path: "Benchmarks/JSONReportBaseline"),
        .executableTarget(
            name: "gpath-runtime-bench",
            dependencies: ["GPathRuntime", "GPathFormats", "GPathIR"],
            path: "Benchmarks/RuntimeBench"),
        .executableTarget(
            name: "gpath-onnx-bench",
            dependencies: ["GPathReport", "GPathAnalysis", "GPathFormats", "GPathIR"],
            path: "Benchmarks/ONNXBench"),
        // libFuzzer harnesses (one per reader + the pipeline): a replay tool in a normal build,
        // a fuzzer when scripts/fuzz.sh builds it with -D GPATH_LIBFUZZER (docs/reliability.md).
        .executableTarget(
            name: "gpath-fuzz",
            dependencies: ["GPathReport", "GPathAnalysis", "GPathConfig", "GPathFormats", "GPathIR", "GPathDiagnostics"],
            path: "Fuzz/GPathFuzz"),
        .target(
            name: "GPathTestSupport",
            dependencies: ["GPathIR", "GPathDiagnostics"],
            path: "Tests/GPathTestSupport"),
        .testTarget(name: "GPathDiagnosticsTests", dependencies: ["GPathDiagnostics", "GPathTestSupport"]),
        .testTarget(name: "GPathIRTests", dependencies: ["GPathIR", "GPathTestSupport"]),
        .testTarget(
            name: "GPathFormatsTests", dependencies: ["GPathFormats", "GPathIR", "GPathAnalysis", "GPathTestSupport"],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "GPathAnalysisTests",
            dependencies: ["GPathAnalysis", "GPathFormats", "GPathIR", "GPathReport", "GPathTestSupport"]),
        .testTarget(
            name: "GPathReportTests",
            dependencies: ["GPathReport", "GPathAnalysis", "GPathFormats", "GPathTestSupport", "JSONReportBaseline"],
            exclude: ["Goldens"]),
        .testTarget(name: "GPathConfigTests", dependencies: ["GPathConfig", "GPathAnalysis", "GPathTestSupport"]),
        .executableTarget(
            name: "gpath-render-bench",
            dependencies: ["GPathRender", "GPathReport", "GPathAnalysis", "GPathFormats", "GPathIR"],
            path: "Benchmarks/GPathRenderBench"),
        .testTarget(
            name: "GPathRenderTests",
            dependencies: ["GPathRender", "GPathReport", "GPathFormats", "GPathDiagnostics", "GPathTestSupport"]),
        .testTarget(
            name: "GPathRuntimeTests",
            dependencies: ["GPathRuntime", "GPathAnalysis", "GPathFormats", "GPathIR", "GPathDiagnostics", "GPathTestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["GPathTestSupport"], exclude: ["Goldens", "Inputs"]),
    ]
)
