import Foundation
import GPathDiagnostics
import GPathFormats
import GPathIR

/// Reads an input file into a verified graph, printing diagnostics to stderr. The only place
/// that turns a path into a graph, so every command treats bad input the same way (exit 2).
enum GraphLoader {
    static func load(_ options: InputOptions) throws -> Graph {
        try loadSource(options).graph
    }

    /// The graph with the text it was read from and that text's format (for format-specific
    /// output such as darknet's load table).
    static func loadSource(_ options: InputOptions) throws -> (graph: Graph, file: SourceFile, format: InputFormat) {
        let path = options.file
        let format = try self.format(of: options)
        if format == .onnx { return try loadBinary(options) }
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "is not readable" : "does not exist"
            throw CommandFailure.input("error: cannot read `\(path)`: the file \(reason)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CommandFailure.input("error: cannot read `\(path)`: not UTF-8 text")
        }
        let file = SourceFile(name: path, text: text)
        let (graph, diagnostics) = switch format {
        case .net: NetReader.read(file, parameters: try options.parameters())
        case .graphJSON: GraphJSONReader.read(file)
        case .darknet: DarknetReader.read(file)
        case .yoloYAML: YOLOYAMLReader.read(file, scale: options.scale)
        case .onnx: preconditionFailure("ONNX files are loaded by loadBinary")
        }
        return (try finish(graph, diagnostics, files: [file], options), file, format)
    }

    /// ONNX is binary: the file is memory-mapped, so weight payloads the decoder skips are
    /// never read from disk. The returned source file is empty (ONNX has no lines).
    private static func loadBinary(_ options: InputOptions) throws -> (graph: Graph, file: SourceFile, format: InputFormat) {
        let path = options.file
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "is not readable" : "does not exist"
            throw CommandFailure.input("error: cannot read `\(path)`: the file \(reason)")
        }
        let (graph, diagnostics) = ONNXReader.read(
            data, name: path, losses: options.lossNames,
            treatUnknownAsIdentity: options.unknownOperators == .identity)
        return (try finish(graph, diagnostics, files: [], options), SourceFile(name: path, text: ""), .onnx)
    }

    private static func finish(_ graph: Graph?, _ diagnostics: [Diagnostic], files: [SourceFile], _ options: InputOptions) throws -> Graph {
        if !diagnostics.isEmpty {
            let renderer = DiagnosticRenderer(
                files: files, color: Terminal.wantsColor(STDERR_FILENO, disabled: options.noColor))
            Terminal.writeError(renderer.render(diagnostics.sortedByLocation))
        }
        guard let graph, !diagnostics.containsError else { throw CommandFailure.silent(2) }
        return graph
    }

    /// The input's format: `--from`, else the file extension.
    static func format(of options: InputOptions) throws -> InputFormat {
        try options.format ?? inferFormat(options.file)
    }

    private static func inferFormat(_ path: String) throws -> InputFormat {
        let lower = path.lowercased()
        if lower.hasSuffix(".net") { return .net }
        if lower.hasSuffix(".json") { return .graphJSON }
        if lower.hasSuffix(".cfg") { return .darknet }
        if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") { return .yoloYAML }
        if lower.hasSuffix(".onnx") { return .onnx }
        throw CommandFailure.input(
            "error: cannot tell the format of `\(path)` from its extension\n  = help: use --from net, graph-json, darknet, yolo-yaml or onnx")
    }
}
