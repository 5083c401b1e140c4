import Foundation
import GPathAnalysis
import GPathDiagnostics
import GPathFormats
import GPathIR

/// `gpath-bench --path-pass FILE.json …`: the gradient-path pass alone (shortest and longest
/// gradient path of every channel of every layer) on graphs read from graph JSON, median of
/// `repeats` runs in one process — the figure `Benchmarks/side-by-side.sh` sets against
/// rustworkx's Dijkstra + longest-path DP (`paths_s`) on the same file. One line per file:
/// `path-pass FILE nodes layers median_seconds`.
enum PathPassBenchmark {
    static func run(files: [String], repeats: Int) {
        for path in files {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                print("path-pass \(path): cannot read")
                continue
            }
            guard let graph = GraphJSONReader.read(SourceFile(name: path, text: text)).graph else {
                print("path-pass \(path): not a valid graph")
                continue
            }
            var times: [Double] = []
            var layers = 0
            for _ in 0..<max(1, repeats) {
                times.append(seconds { layers = GradientPathPass().run(on: graph).layers.count })
            }
            print("path-pass \(path) \(graph.nodeCount) \(layers) \(String(format: "%.4f", median(times)))")
        }
    }
}
