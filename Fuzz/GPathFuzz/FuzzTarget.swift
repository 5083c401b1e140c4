import Foundation
import GPathAnalysis
import GPathConfig
import GPathDiagnostics
import GPathFormats
import GPathIR
import GPathReport

/// One fuzz target: a reader, or the whole load → analyse → report pipeline.
///
/// Every target checks the same contract on any input: it returns (no trap, no stack
/// overflow, no runaway allocation) and a file that does not load carries at least one error
/// diagnostic, each with its code — the reader's side of "every exit 2 is a coded diagnostic".
/// A violated contract traps, which libFuzzer records as a crash.
enum FuzzTarget: String, CaseIterable, Sendable {
    case net, json, darknet, yolo, onnx, config, pipeline

    /// The file name readers see (its extension picks nothing: each target calls its reader).
    var fileName: String {
        switch self {
        case .net, .pipeline: "fuzz.net"
        case .json: "fuzz.json"
        case .darknet: "fuzz.cfg"
        case .yolo: "fuzz.yaml"
        case .onnx: "fuzz.onnx"
        case .config: ".gpath.yml"
        }
    }

    /// The readers' limits while fuzzing: 10,000 nodes instead of the product's 1,000,000. A
    /// mutated count easily asks for a legal expansion of several hundred thousand nodes, which
    /// takes longer than the per-input timeout under AddressSanitizer; the limit's own checks
    /// are exercised just the same (docs/reliability.md).
    static let limits = ReaderLimits(maximumNodes: 10_000)

    /// Runs one input through the target.
    func run(_ data: Data) {
        switch self {
        case .onnx:
            let (graph, diagnostics) = ONNXReader.read(data, name: fileName)
            Self.expectLoaded(graph, diagnostics)
        case .pipeline:
            Self.pipeline(data)
        default:
            guard let text = String(validating: data, as: UTF8.self) else { return }
            let file = SourceFile(name: fileName, text: text)
            switch self {
            case .net:
                let (graph, diagnostics) = NetReader.read(file, limits: Self.limits)
                Self.expectLoaded(graph, diagnostics, file: file)
            case .json:
                let (graph, diagnostics) = GraphJSONReader.read(file)
                Self.expectLoaded(graph, diagnostics, file: file)
            case .darknet:
                let (graph, diagnostics) = DarknetReader.read(file)
                Self.expectLoaded(graph, diagnostics, file: file)
            case .yolo:
                let (graph, diagnostics) = YOLOYAMLReader.read(file, limits: Self.limits)
                Self.expectLoaded(graph, diagnostics, file: file)
            case .config:
                let (configuration, diagnostics) = CheckConfigurationReader.read(file)
                if configuration == nil, !diagnostics.containsError {
                    fatalError("configuration refused without an error diagnostic")
                }
                _ = DiagnosticRenderer(files: [file]).render(diagnostics)
            case .onnx, .pipeline: break
            }
        }
    }

    /// A graph, or at least one error; the diagnostics render.
    private static func expectLoaded(_ graph: Graph?, _ diagnostics: [Diagnostic], file: SourceFile? = nil) {
        if graph == nil, !diagnostics.containsError {
            fatalError("input refused without an error diagnostic: \(diagnostics.map(\.code))")
        }
        _ = DiagnosticRenderer(files: file.map { [$0] } ?? []).render(diagnostics)
    }

    /// The first byte picks the format (as `gpath analyze` picks it by extension: its value
    /// mod 5) and the analysis level (the default, or timestamps when (value / 5) is odd), the
    /// rest is the file; a graph that loads is analysed as `gpath analyze` would and written
    /// as a table and as JSON.
    private static func pipeline(_ data: Data) {
        guard let selector = data.first else { return }
        let body = data.dropFirst()
        let graph: Graph?
        let diagnostics: [Diagnostic]
        var file: SourceFile?
        if selector % 5 == 4 {
            (graph, diagnostics) = ONNXReader.read(Data(body), name: "fuzz.onnx")
        } else {
            guard let text = String(validating: body, as: UTF8.self) else { return }
            let source = SourceFile(name: "fuzz", text: text)
            file = source
            switch selector % 5 {
            case 0: (graph, diagnostics) = NetReader.read(source, limits: limits)
            case 1: (graph, diagnostics) = GraphJSONReader.read(source)
            case 2: (graph, diagnostics) = DarknetReader.read(source)
            default: (graph, diagnostics) = YOLOYAMLReader.read(source, limits: limits)
            }
        }
        expectLoaded(graph, diagnostics, file: file)
        guard let graph else { return }
        // The level `gpath analyze` chooses (memory estimate included); a second-byte bit of
        // the selector asks for the timestamps level instead of the default.
        let paths = GradientPathPass().run(on: graph)
        let requested: AnalysisLevel? = (selector / 5) % 2 == 0 ? nil : .timestamps
        let (level, _) = AnalysisLevel.choose(for: graph, paths: paths, requested: requested)
        let report = AnalysisReport.make(graph: graph, inputName: "fuzz", level: level, paths: paths)
        _ = TableWriter.write(report)
        _ = JSONReportWriter.write(report)
    }
}
