import ArgumentParser
import GPathFormats

extension GPath {
    /// `gpath convert FILE -o out.net`: any input format written as flat, readable `.net`.
    struct Convert: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write an imported network (.cfg, .yaml, .json, .net) as a flat .net file.")

        @OptionGroup var input: InputOptions

        @Option(name: [.short, .long], help: "Write the .net text to this file (atomically) instead of stdout.")
        var output: String?

        func run() throws {
            let graph = try GraphLoader.load(input)
            try OutputFile.emit(NetPrinter.print(graph), to: output)
        }
    }
}
