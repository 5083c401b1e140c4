import Foundation
import GPathAnalysis
import GPathDiagnostics
import GPathFormats
import GPathIR
import GPathReport

// gpath-bench: times parse + verify + gradient-path pass on generated networks of 10^3…10^6
// nodes and reports medians, time per node, and growth against the smallest size of the same
// family measured in the same run. Run in release:
//   swift run -c release gpath-bench [--max 1000000] [--repeats 5] [--json-only] [--json-load]
//   swift run -c release gpath-bench --write-scale-graphs DIR   # issue 18's four graphs as .net
//   swift run -c release gpath-bench --write-side-by-side-graphs DIR  # the rustworkx comparison's
// --json-load times graph JSON loading alone, old (Foundation) parse against the new reader
// (JSONLoadBenchmark.swift); --json-load-files F.json… (last) times those files too;
// --json-load-profile F.json runs only the fast path on F, `--repeats` times, for a profiler.
//   swift run -c release gpath-bench --json-write [--repeats 5] [--max 10000] [--only LABEL-TEXT]
//     [--style pretty|compact] [--new-only]
// times the JSON report writer, streamed against the old tree writer (JSONWriteBenchmark.swift);
// --json-write-file old|new|compact GRAPH.net OUT [LEVEL] writes one report for peak-memory runs.
//   swift run -c release gpath-bench --path-pass G.json … [--repeats 5]
// times the gradient-path pass alone on graph JSON files (PathPassBenchmark.swift).

/// Prints a line immediately (unbuffered), so partial results survive an interrupted run.
func print(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
let arguments = CommandLine.arguments
func option(_ name: String, _ fallback: Int) -> Int {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count,
          let value = Int(arguments[index + 1]) else { return fallback }
    return value
}
let maximum = option("--max", 1_000_000)
let repeats = option("--repeats", 5)
let sizes = [1_000, 10_000, 100_000, 1_000_000].filter { $0 <= maximum }

func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

if let index = arguments.firstIndex(of: "--write-scale-graphs"), index + 1 < arguments.count {
    ScaleGraphs.write(into: arguments[index + 1])
    exit(0)
}
if let index = arguments.firstIndex(of: "--write-side-by-side-graphs"), index + 1 < arguments.count {
    ScaleGraphs.write(ScaleGraphs.sideBySide, into: arguments[index + 1])
    exit(0)
}
if let index = arguments.firstIndex(of: "--json-load-profile"), index + 1 < arguments.count {
    JSONLoadBenchmark.profile(arguments[index + 1], repeats: repeats)
    exit(0)
}
if arguments.contains("--json-load") {
    let files = arguments.firstIndex(of: "--json-load-files").map { Array(arguments[($0 + 1)...]) } ?? []
    JSONLoadBenchmark.run(maximum: maximum, repeats: repeats, skipFoundation: arguments.contains("--skip-foundation"), files: files)
    exit(0)
}
if arguments.contains("--json-write") {
    let only = arguments.firstIndex(of: "--only").flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
    let style = arguments.firstIndex(of: "--style").flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
    let styles: [JSONStreamWriter.Style] = style == "pretty" ? [.pretty] : style == "compact" ? [.compact] : [.pretty, .compact]
    JSONWriteBenchmark.run(repeats: repeats, maximum: maximum, only: only, styles: styles, newOnly: arguments.contains("--new-only"))
    exit(0)
}
if let index = arguments.firstIndex(of: "--json-write-file"), index + 3 < arguments.count {
    let level = index + 4 < arguments.count ? AnalysisLevel(rawValue: arguments[index + 4]) ?? .full : .full
    JSONWriteBenchmark.writeFile(mode: arguments[index + 1], graphPath: arguments[index + 2], output: arguments[index + 3], level: level)
    exit(0)
}
if let index = arguments.firstIndex(of: "--path-pass") {
    PathPassBenchmark.run(files: Array(arguments[(index + 1)...]).filter { !$0.hasPrefix("--") && Int($0) == nil }, repeats: repeats)
    exit(0)
}
if arguments.contains("--json-only") {
    compareJSONLayouts()
    exit(0)
}
let skipParse = arguments.contains("--skip-parse")
if !skipParse {
print("family    nodes      text MB  read+verify s  path pass s  total s   µs/node  growth vs 10^3 (per node)")
for family in NetworkFamily.allCases {
    var baseline: Double?
    for size in sizes {
        guard let graph = family.graph(nodes: size).build().graph else {
            print("\(family.rawValue): generator produced an invalid graph at \(size)")
            exit(1)
        }
        let text = NetPrinter.print(graph)
        let file = SourceFile(name: "\(family.rawValue).net", text: text)
        var reads: [Double] = []
        var passes: [Double] = []
        var totals: [Double] = []
        var checksum = 0
        for _ in 0..<(size >= 1_000_000 ? max(1, repeats / 2) : repeats) {
            var parsed: Graph?
            let read = seconds { parsed = NetReader.read(file).graph }
            let pass = seconds {
                if let parsed { checksum &+= GradientPathPass().run(on: parsed).longestPath ?? 0 }
            }
            reads.append(read)
            passes.append(pass)
            totals.append(read + pass)
        }
        let time = median(totals)
        let perNode = time / Double(graph.nodes.count) * 1e6
        if baseline == nil { baseline = perNode }
        let growth = perNode / (baseline ?? perNode)
        print(String(format: "%-8@ %8d  %8.1f  %12.3f  %11.4f  %7.3f  %8.2f  %6.2fx   (checksum %d)",
                     family.rawValue, graph.nodes.count, Double(text.utf8.count) / 1e6, median(reads), median(passes), time, perNode, growth, checksum))
    }
}

}

// Full analysis (timestamps, units, sources, duplication) on the networks issue 3 names.
print("\nfull analysis                 layers  Σ|T|       median s")
func timeFull(_ label: String, _ builder: GraphBuilder) -> Double {
    guard let graph = builder.build().graph else {
        print("\(label): invalid graph")
        exit(1)
    }
    var timings: [Double] = []
    var stamps = 0
    for _ in 0..<repeats {
        timings.append(seconds {
            let analysis = GradientAnalysisPass().run(on: graph)
            stamps = analysis.layers.reduce(0) { $0 + $1.timestamps.count }
        })
    }
    let time = median(timings)
    print(String(format: "%-28@ %7d  %9d  %8.3f", label, graph.layers.count, stamps, time))
    return time
}
_ = timeFull("ResNet-1001", PaperNetworks.resnet1001())
_ = timeFull("DenseNet-264", PaperNetworks.densenet264())
_ = timeFull("VoVNet, 300 OSA modules", PaperNetworks.vovnet(modules: 300))
print("\nfull analysis growth at bounded depth (parallel ELAN blocks: Σ|T| grows linearly)")
var wideBase: Double?
for layers in [100, 1_000, 10_000, 100_000] where layers <= maximum {
    let time = timeFull("wide ELAN, \(layers) layers", PaperNetworks.wideELAN(layers: layers))
    if let base = wideBase {
        print(String(format: "    per-layer time vs 100 layers: %.2fx", (time / Double(layers)) / (base / 100)))
    } else {
        wideBase = time
    }
}
print("\nfull analysis growth with depth (ELAN stages in a chain; Σ|T| grows quadratically)")
var first: Double?
for layers in [100, 1_000, 10_000] where layers <= maximum {
    let time = timeFull("ELAN, \(layers) layers", PaperNetworks.elan(layers: layers))
    if let base = first {
        print(String(format: "    per-layer time vs 100 layers: %.2fx", (time / Double(layers)) / (base / 100)))
    } else {
        first = time
    }
}

/// Graph JSON written on one line (what `json.dumps` writes) against the same graph over many
/// lines: line/column lookup must not depend on line length (issue 16 asks ≤ 2x at 10^6 nodes).
func compareJSONLayouts() {
    print("\ngraph JSON: one line vs many lines (read + verify + path pass, median s)")
    print("nodes      many lines   one line   ratio")
    for size in [10_000, 100_000, 1_000_000] where size <= maximum {
        guard let graph = NetworkFamily.allCases[0].graph(nodes: size).build().graph else { exit(1) }
        let multi = GraphJSONWriter.write(graph)
        let single = multi.split(separator: "\n").map { $0.drop { $0 == " " } }.joined()
        func time(_ text: String, _ name: String) -> Double {
            let file = SourceFile(name: name, text: text)
            var runs: [Double] = []
            for _ in 0..<max(1, size >= 1_000_000 ? 1 : repeats / 2) {
                runs.append(seconds {
                    if let parsed = GraphJSONReader.read(file).graph { _ = GradientPathPass().run(on: parsed) }
                })
            }
            return median(runs)
        }
        let many = time(multi, "many.json")
        let one = time(single, "one.json")
        print(String(format: "%-9d  %10.3f  %9.3f  %5.2fx", graph.nodes.count, many, one, one / many))
    }
}
compareJSONLayouts()
