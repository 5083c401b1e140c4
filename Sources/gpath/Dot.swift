import ArgumentParser

extension GPath {
    /// `gpath dot FILE`: the picture as Graphviz DOT text, for other tools or hand edits.
    struct Dot: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the network (or its timestamp diagram, or a comparison) as Graphviz DOT.",
            discussion: "Deterministic: the same input gives byte-identical DOT. `gpath render` lays the same text out in-process.")

        @OptionGroup var input: InputOptions
        @OptionGroup var picture: PictureArguments

        @Option(name: [.short, .long], help: "Write the DOT to this file (atomically) instead of stdout.")
        var output: String?

        func run() throws {
            if let output, output != "-" { try OutputFile.checkWritable(output, inputs: [input.file] + picture.others) }
            try OutputFile.emit(try PictureSource.dot(input, picture), to: output, inputs: [input.file] + picture.others)
        }
    }
}
