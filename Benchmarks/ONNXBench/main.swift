import Foundation
import GPathAnalysis
import GPathFormats
import GPathIR
import GPathReport

// gpath-onnx-bench: generates a large ONNX model (≥ 100 MB of float32 weights by default) in
// /tmp, then times loading it (memory-mapped read + decode + lowering + verification) and
// analysing it (gradient paths, costs and the full report), and reports peak memory (VmHWM
// from /proc/self/status). The file is deleted afterwards unless --keep. Run in release:
//   swift run -c release gpath-onnx-bench [--megabytes 200] [--channels 512] [--repeats 3] [--keep]

func print(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
let arguments = CommandLine.arguments
func option(_ name: String, _ fallback: Int) -> Int {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count,
          let value = Int(arguments[index + 1]) else { return fallback }
    return value
}

/// A field of /proc/self/status in MiB (VmHWM = peak resident set, VmRSS = current).
func statusMiB(_ field: String) -> Double? {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
        let kilobytes = line.split(separator: " ").compactMap { Double($0) }.first
        return kilobytes.map { $0 / 1024 }
    }
    return nil
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func format(_ value: Double?, _ digits: Int = 1) -> String {
    value.map { String(format: "%.\(digits)f", $0) } ?? "n/a"
}

let model = LargeModel(channels: option("--channels", 512), megabytes: option("--megabytes", 200))
let repeats = max(1, option("--repeats", 3))
let path = NSTemporaryDirectory() + "gpath-onnx-bench-\(ProcessInfo.processInfo.processIdentifier).onnx"
var fileBytes = 0
let generation = try seconds { fileBytes = try model.write(to: path) }
defer { if !arguments.contains("--keep") { try? FileManager.default.removeItem(atPath: path) } }
print("model      \(path)\(arguments.contains("--keep") ? "" : " (deleted afterwards)")")
print("file       \(format(Double(fileBytes) / 1e6)) MB, weights \(format(Double(model.weightBytes) / 1e6)) MB, \(model.convolutions) convolutions of \(model.channels)x\(model.channels)x3x3, generated in \(format(generation, 2)) s")
print("baseline   VmRSS \(format(statusMiB("VmRSS"))) MiB, VmHWM \(format(statusMiB("VmHWM"))) MiB (before loading)")

var loads: [Double] = []
var analyses: [Double] = []
var summary = ""
for _ in 0..<repeats {
    var graph: Graph?
    loads.append(try seconds {
        let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        let result = ONNXReader.read(data, name: path)
        guard let lowered = result.graph else {
            print("load failed: \(result.diagnostics.map(\.message))")
            exit(1)
        }
        graph = lowered
    })
    guard let graph else { exit(1) }
    analyses.append(seconds {
        let report = AnalysisReport.make(graph: graph, inputName: path)
        summary = "\(graph.layers.count) layers, \(graph.nodes.count) nodes, params \(report.costs.params ?? -1), longest path \(report.paths.longestPath ?? -1)"
    })
}
let best = { (values: [Double]) in values.min() ?? 0 }
print("graph      \(summary)")
print("load       best \(format(best(loads), 3)) s of \(repeats) (mmap + decode + lower + verify)")
print("analyze    best \(format(best(analyses), 3)) s (report + costs + gradient paths)")
print("peak       VmHWM \(format(statusMiB("VmHWM"))) MiB for a \(format(Double(fileBytes) / 1_048_576)) MiB file")
