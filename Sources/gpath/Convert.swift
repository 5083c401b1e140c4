import ArgumentParser
import GPathFormats

extension GPath {
    /// `gpath convert FILE -o out.net|out.json`: any input format written as flat, readable
    /// `.net` or as graph JSON (chosen by `--to`, else by the output file's extension).
    struct Convert: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write an imported network (.cfg, .yaml, .json, .net) as flat .net or graph JSON.")

        @OptionGroup var input: InputOptions

        @Option(name: [.short, .long], help: "Write to this file (atomically) instead of stdout; a .json name writes graph JSON.")
        var output: String?

        @Option(name: .long, help: "Output format: net or graph-json (default: from the -o extension, else net).")
        var to: OutputFormat?

        func run() throws {
            if let output, output != "-" { try OutputFile.checkWritable(output, inputs: [input.file]) }
            let graph = try GraphLoader.load(input)
            let format = to ?? (output?.lowercased().hasSuffix(".json") == true ? .graphJSON : .net)
            let text = switch format {
            case .net: NetPrinter.print(graph)
            case .graphJSON: GraphJSONWriter.write(graph)
            }
            try OutputFile.emit(text, to: output, inputs: [input.file])
        }

        /// Formats `convert` writes.
        enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
            case net
            case graphJSON = "graph-json"
        }
    }
}
