import Foundation
import GPathDiagnostics
import GPathFormats
import GPathRender
import GPathReport

// gpath-render-bench: renders bundled examples many times in one process with one renderer
// (SVG and PNG alternately, plus PDF every tenth) and reports the resident memory after a
// warm-up and then every 10% of the run, to show that rendering does not leak. Run in release
// from the repository root:
//   swift run -c release gpath-render-bench [--renders 1000] [--format svg|png|pdf] [--no-clusters] [--plain]
//     [--context-per-render]   (a new Graphviz context for every render: the growth is the same,
//                               so the leaked memory is not tied to the context)

func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

let arguments = CommandLine.arguments
let renders: Int = arguments.firstIndex(of: "--renders").flatMap { index in
    index + 1 < arguments.count ? Int(arguments[index + 1]) : nil
} ?? 1000

/// Resident set size in KiB, from /proc/self/statm (pages × page size).
func residentKiB() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return -1 }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return -1 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE))) / 1024
}

let only: RenderFormat? = arguments.firstIndex(of: "--format").flatMap { index in
    index + 1 < arguments.count ? RenderFormat(rawValue: arguments[index + 1]) : nil
}

var pictures: [String] = []
for name in ["vovnet_deep", "prn", "resnet"] {
    let path = "examples/\(name).net"
    guard let text = try? String(contentsOfFile: path, encoding: .utf8),
          let graph = NetReader.read(SourceFile(name: path, text: text)).graph else {
        say("cannot read \(path): run from the repository root")
        exit(2)
    }
    let dot = DOTWriter.write(AnalysisReport.make(graph: graph, inputName: path, full: false)).text
    // --no-clusters: the same pictures with plain subgraphs instead of clusters, to separate
    // Graphviz 2.42's cluster-layout leak from everything else.
    pictures.append(arguments.contains("--no-clusters") ? dot.replacingOccurrences(of: "subgraph \"cluster_", with: "subgraph \"group_") : dot)
}

// --plain: a 60-node DOT with plain labels and no clusters instead, to measure the wrapper
// itself (no Graphviz HTML-label or cluster code involved).
if arguments.contains("--plain") {
    var dot = "digraph plain {\n"
    for index in 0..<60 { dot += "  n\(index) [shape=box, label=\"layer \(index)\\nSGP \(index % 7)\"];\n" }
    for index in 1..<60 { dot += "  n\(index - 1) -> n\(index);\n" }
    for index in stride(from: 3, to: 60, by: 3) { dot += "  n\(index - 3) -> n\(index) [label=\"[0:16]\"];\n" }
    pictures = [dot + "}\n"]
}

do {
    let renderer = try GraphvizRenderer()
    func renderOnce(_ index: Int) throws -> Int {
        let format: RenderFormat = only ?? (index % 10 == 9 ? .pdf : (index % 2 == 0 ? .svg : .png))
        if arguments.contains("--context-per-render") {
            return try GraphvizRenderer().render(dot: pictures[index % pictures.count], as: format, dpi: 96).bytes.count
        }
        return try renderer.render(dot: pictures[index % pictures.count], as: format, dpi: 96).bytes.count
    }
    let warmUp = 20
    for index in 0..<warmUp { _ = try renderOnce(index) }
    let baseline = residentKiB()
    say("renders  resident KiB  growth KiB  (after \(warmUp) warm-up renders: \(baseline) KiB)")
    let start = Date()
    var bytes = 0
    for index in 0..<renders {
        bytes += try renderOnce(index)
        if (index + 1) % max(1, renders / 10) == 0 {
            let now = residentKiB()
            say(String(format: "%7d  %12d  %10d", index + 1, now, now - baseline))
        }
    }
    let elapsed = Date().timeIntervalSince(start)
    say(String(format: "%d renders, %.1f MB of output, %.2f s (%.1f ms per render)", renders, Double(bytes) / 1e6, elapsed, elapsed * 1000 / Double(max(1, renders))))
} catch {
    say("render failed: \(error)")
    exit(1)
}
