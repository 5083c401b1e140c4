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
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "is not readable" : "does not exist"
            throw CommandFailure.input("error: cannot read `\(path)`: the file \(reason)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CommandFailure.input("error: cannot read `\(path)`: not UTF-8 text")
        }
        let file = SourceFile(name: path, text: text)
        let format = try self.format(of: options)
        let (graph, diagnostics) = switch format {
        case .net: NetReader.read(file, parameters: try options.parameters())
        case .graphJSON: GraphJSONReader.read(file)
        case .darknet: DarknetReader.read(file)
        case .yoloYAML: YOLOYAMLReader.read(file, scale: options.scale)
        }
        if !diagnostics.isEmpty {
            let renderer = DiagnosticRenderer(
                files: [file], color: Terminal.wantsColor(STDERR_FILENO, disabled: options.noColor))
            Terminal.writeError(renderer.render(diagnostics.sortedByLocation))
        }
        guard let graph, !diagnostics.containsError else { throw CommandFailure.silent(2) }
        return (graph, file, format)
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
        throw CommandFailure.input(
            "error: cannot tell the format of `\(path)` from its extension\n  = help: use --from net, graph-json, darknet or yolo-yaml")
    }
}
