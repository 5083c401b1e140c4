import Foundation
import GPathAnalysis
import GPathDiagnostics
import GPathFormats
import GPathIR
import GPathReport
import JSONReportBaseline

/// `gpath-bench --json-write`: the JSON report writer's throughput (MB of output per second,
/// median of `repeats` runs) on reports of each kind, streamed (`JSONReportWriter`, into a
/// sink that only counts the bytes) against the writer it replaced (`LegacyJSONReportWriter`:
/// a `JSONText` tree per layer rendered into one growing array), both in the same run on the
/// same analysis results. The analysis itself is not timed.
///
/// `--json-write-file old|new|compact GRAPH.net OUT [LEVEL]` writes one report the way the CLI
/// does (old: bytes → `String` → `Array(text.utf8)` → one write; new: streamed to the file in
/// 1 MiB chunks), for whole-process peak-memory measurements under `/usr/bin/time`.
enum JSONWriteBenchmark {
    struct Case {
        let label: String
        let report: AnalysisReport
        let includeSources: Bool
    }

    /// - Parameters:
    ///   - only: when given, measures just the reports whose label contains it.
    ///   - styles: the styles measured; `newOnly` skips the old writer (for a profiler: its
    ///     columns then read 0 and the sizes are not cross-checked).
    static func run(repeats: Int, maximum: Int, only: String? = nil, styles: [JSONStreamWriter.Style] = [.pretty, .compact], newOnly: Bool = false) {
        print("JSON report writer: MB/s of output, median of \(repeats) (release; old = tree per layer, new = streamed)")
        print("report                                     level       MB pretty  old MB/s  new MB/s  ratio   MB compact  old MB/s  new MB/s  ratio")
        for testCase in cases(maximum: maximum, only: only) {
            measure(testCase, repeats: repeats, styles: styles, newOnly: newOnly)
        }
    }

    /// The reports measured: deep residual and dense networks at the full level (exact path
    /// counts as big integers, sources where the CLI would list them), and issue 18's
    /// 10^4–10^5-node graphs at the timestamps level, and a 10^5-block ResNet (300k nodes) at
    /// the paths level.
    static func cases(maximum: Int, only: String? = nil) -> [Case] {
        var result: [Case] = []
        func add(_ label: String, _ builder: @autoclosure () -> GraphBuilder, _ level: AnalysisLevel, fromText: Bool = false) {
            guard only.map(label.contains) ?? true else { return }
            guard var graph = builder().build().graph else {
                print("\(label): invalid graph")
                exit(1)
            }
            if fromText {
                // Read back from `.net` text, as `gpath analyze` reads a file: every node then
                // has a source location, which the report lists.
                guard let read = NetReader.read(SourceFile(name: "\(label).net", text: NetPrinter.print(graph))).graph else {
                    print("\(label): the printed graph does not read back")
                    exit(1)
                }
                graph = read
            }
            let report = AnalysisReport.make(graph: graph, inputName: label, level: level)
            let sources = report.analysis.map { JSONReportWriter.sourceEntryCount($0) <= 1_000_000 } ?? true
            result.append(Case(label: label, report: report, includeSources: sources))
        }
        add("ResNet-1001 (PaperNetworks)", PaperNetworks.resnet1001(), .full)
        add("DenseNet-264 (PaperNetworks)", PaperNetworks.densenet264(), .full)
        add("ResNet chain, 500 blocks", NetworkFamily.resnet.graph(nodes: 3 * 500 + 3), .full)
        add("ResNet, 10^4 blocks", NetworkFamily.resnet.graph(nodes: 3 * 10_000 + 3), .timestamps)
        if maximum >= 100_000 {
            add("random DAG, 10^5 nodes", NetworkFamily.random.graph(nodes: 100_000), .timestamps)
            // What `gpath analyze resnet-1e5-blocks.json --analysis paths --format json` writes.
            add("ResNet, 10^5 blocks, read from .net", NetworkFamily.resnet.graph(nodes: 3 * 100_000 + 3), .paths, fromText: true)
        }
        return result
    }

    static func measure(_ testCase: Case, repeats: Int, styles: [JSONStreamWriter.Style], newOnly: Bool) {
        let report = testCase.report, sources = testCase.includeSources
        var columns: [String] = []
        for style in styles {
            var size = 0
            let old = newOnly ? .infinity : median((0..<repeats).map { _ in
                seconds { size = LegacyJSONReportWriter.bytes(report, includeSources: sources, pretty: style == .pretty).count }
            })
            var streamed = 0
            let new = median((0..<repeats).map { _ in
                seconds {
                    streamed = 0
                    try? JSONReportWriter.write(report, includeSources: sources, style: style) { streamed += $0.count }
                }
            })
            if newOnly { size = streamed }
            if streamed != size {
                print("\(testCase.label): the writers disagree on the size (\(size) vs \(streamed) bytes)")
                exit(1)
            }
            let megabytes = Double(size) / 1e6
            columns.append(String(format: "%9.1f  %8.0f  %8.0f  %5.1fx", megabytes, megabytes / old, megabytes / new, old / new))
        }
        let label = testCase.label.padding(toLength: 42, withPad: " ", startingAt: 0)
        let level = report.level.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
        print("\(label) \(level) \(columns.joined(separator: "   "))")
    }

    /// One report written the old way or the new way, for peak-memory measurement.
    static func writeFile(mode: String, graphPath: String, output: String, level: AnalysisLevel) {
        guard let text = try? String(contentsOfFile: graphPath, encoding: .utf8),
              let graph = NetReader.read(SourceFile(name: graphPath, text: text)).graph else {
            print("\(graphPath): cannot read")
            exit(1)
        }
        let report = AnalysisReport.make(graph: graph, inputName: graphPath, level: level)
        let sources = report.analysis.map { JSONReportWriter.sourceEntryCount($0) <= 1_000_000 } ?? true
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        guard let file = FileHandle(forWritingAtPath: output) else {
            print("\(output): cannot write")
            exit(1)
        }
        let elapsed: Double
        if mode == "old" {
            elapsed = seconds {
                // The old CLI path: bytes, a String of them, then its UTF-8 as an array.
                let text = String(decoding: LegacyJSONReportWriter.bytes(report, includeSources: sources), as: UTF8.self)
                file.write(Data(Array(text.utf8)))
            }
        } else {
            elapsed = seconds {
                try? JSONReportWriter.write(report, includeSources: sources, style: mode == "compact" ? .compact : .pretty) {
                    file.write(Data($0))
                }
            }
        }
        file.closeFile()
        print(String(format: "%@: wrote %@ in %.3f s", mode, output, elapsed))
    }
}
