import Foundation
import GPathDiagnostics
import GPathFormats
import GPathIR

/// Reads an input file into a verified graph. The only place that turns a path into a graph, so
/// every command treats bad input the same way: every problem is a coded diagnostic.
///
/// ``attempt(_:)`` returns the diagnostics as data (so `check` can report a broken file as one
/// more finding and go on with the others); ``load(_:)`` and ``loadSource(_:)`` print them to
/// stderr and exit 2 through ``CommandFailure``.
enum GraphLoader {
    /// A loaded graph with the text it was read from, its format, and any warnings.
    struct Loaded {
        let graph: Graph
        let file: SourceFile
        let format: InputFormat
        let warnings: [Diagnostic]
    }

    /// What came of reading one input: a graph, or the diagnostics that stopped it (at least one
    /// error), with the source text for rendering carets.
    enum Outcome {
        case loaded(Loaded)
        case failed([Diagnostic], SourceFile?)
    }

    static func load(_ options: InputOptions) throws -> Graph {
        try loadSource(options).graph
    }

    /// The graph with the text it was read from and that text's format (for format-specific
    /// output such as darknet's load table). Diagnostics go to stderr; errors exit 2.
    static func loadSource(_ options: InputOptions) throws -> (graph: Graph, file: SourceFile, format: InputFormat) {
        switch try attempt(options) {
        case .loaded(let loaded):
            printDiagnostics(loaded.warnings, file: loaded.file, options)
            return (loaded.graph, loaded.file, loaded.format)
        case .failed(let diagnostics, let file):
            printDiagnostics(diagnostics, file: file, options)
            throw CommandFailure.silent(2)
        }
    }

    /// Reads `options.file` without printing. Throws only for usage errors (a bad `-D`).
    static func attempt(_ options: InputOptions) throws -> Outcome {
        let path = options.file
        let format: InputFormat
        do {
            format = try self.format(of: options)
        } catch {
            return .failed([unknownFormat(path)], nil)
        }
        if format == .onnx { return attemptBinary(options) }
        let file: SourceFile
        switch readText(path) {
        case .text(let read): file = read
        case .problem(let diagnostic): return .failed([diagnostic], nil)
        }
        let (graph, diagnostics) = switch format {
        case .net: NetReader.read(file, parameters: try options.parameters())
        case .graphJSON: GraphJSONReader.read(file)
        case .darknet: DarknetReader.read(file)
        case .yoloYAML: YOLOYAMLReader.read(file, scale: options.scale)
        case .onnx: preconditionFailure("ONNX files are read by attemptBinary")
        }
        return outcome(graph, diagnostics.sortedByLocation, file: file, format: format)
    }

    /// ONNX is binary: the file is memory-mapped, so weight payloads the decoder skips are
    /// never read from disk. The returned source file is empty (ONNX has no lines).
    private static func attemptBinary(_ options: InputOptions) -> Outcome {
        let path = options.file
        if let problem = InputFile.problem(reading: path) { return .failed([problem], nil) }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            return .failed([InputFile.unreadable(path, reason: "it cannot be read")], nil)
        }
        let (graph, diagnostics) = ONNXReader.read(
            data, name: path, losses: options.lossNames,
            treatUnknownAsIdentity: options.unknownOperators == .identity)
        return outcome(graph, diagnostics.sortedByLocation, file: SourceFile(name: path, text: ""), format: .onnx)
    }

    private static func outcome(_ graph: Graph?, _ found: [Diagnostic], file: SourceFile, format: InputFormat) -> Outcome {
        // Every diagnostic points somewhere: one about the whole graph (no loss, say) at the file.
        let diagnostics = found.map { diagnostic in
            var located = diagnostic
            if located.location == nil { located.location = SourceLocation(file: file.name) }
            return located
        }
        guard let graph, !diagnostics.containsError else {
            let all = diagnostics.containsError
                ? diagnostics
                : diagnostics + [Diagnostic(.unreadableInput, "`\(file.name)` produced no graph", at: SourceLocation(file: file.name))]
            return .failed(all, file)
        }
        return .loaded(Loaded(graph: graph, file: file, format: format, warnings: diagnostics))
    }

    private enum TextRead {
        case text(SourceFile)
        case problem(Diagnostic)
    }

    private static func readText(_ path: String) -> TextRead {
        if let problem = InputFile.problem(reading: path) { return .problem(problem) }
        guard let bytes = InputFile.bytes(atPath: path) else {
            return .problem(InputFile.unreadable(path, reason: "it cannot be read"))
        }
        guard let file = SourceFile(name: path, bytes: bytes) else {
            return .problem(InputFile.unreadable(path, reason: "it is not UTF-8 text"))
        }
        return .text(file)
    }

    static func printDiagnostics(_ diagnostics: [Diagnostic], file: SourceFile?, _ options: InputOptions) {
        guard !diagnostics.isEmpty else { return }
        let renderer = DiagnosticRenderer(
            files: file.map { [$0] } ?? [], color: Terminal.wantsColor(STDERR_FILENO, disabled: options.noColor))
        Terminal.writeError(renderer.render(diagnostics))
    }

    /// The input's format: `--from`, else the file extension.
    static func format(of options: InputOptions) throws -> InputFormat {
        if let format = options.format ?? inferFormat(options.file) { return format }
        throw CommandFailure.input(unknownFormat(options.file))
    }

    private static func unknownFormat(_ path: String) -> Diagnostic {
        Diagnostic(
            .unknownInputFormat, "cannot tell the format of `\(path)` from its extension", at: SourceLocation(file: path),
            helps: ["use --from net, graph-json, darknet, yolo-yaml or onnx"])
    }

    private static func inferFormat(_ path: String) -> InputFormat? {
        let lower = path.lowercased()
        if lower.hasSuffix(".net") { return .net }
        if lower.hasSuffix(".json") { return .graphJSON }
        if lower.hasSuffix(".cfg") { return .darknet }
        if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") { return .yoloYAML }
        if lower.hasSuffix(".onnx") { return .onnx }
        return nil
    }
}
