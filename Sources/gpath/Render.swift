import ArgumentParser
import Foundation
import GPathDiagnostics
import GPathRender

extension GPath {
    /// `gpath render FILE -o net.svg|png|pdf`: lays the picture out and renders it in-process
    /// through libgvc (no `dot` binary), writing the file atomically.
    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render the network (or its timestamp diagram, or a comparison) as SVG, PNG or PDF.",
            discussion: """
                The format comes from the output's extension (.svg, .png, .pdf, .dot) unless --format says. \
                Large networks are folded and collapsed to --max-nodes automatically (a note on stderr says so). \
                Errors (unknown extension, unwritable path, layout failure or timeout) exit 2 and leave no file behind.
                """)

        @OptionGroup var input: InputOptions
        @OptionGroup var picture: PictureArguments

        @Option(name: [.short, .long], help: "The picture file to write.")
        var output: String

        @Option(name: .long, help: "svg, png, pdf or dot (default: from the output's extension).")
        var format: PictureFormat?

        @Option(name: .long, help: "Resolution of PNG output, in dots per inch.")
        var dpi = 144

        @Option(name: .customLong("layout-timeout"), help: ArgumentHelp("Give up when layout and rendering take longer than this.", valueName: "seconds"))
        var layoutTimeout = 60.0

        func validate() throws {
            if !(36...1200).contains(dpi) { throw ValidationError("--dpi must be between 36 and 1200") }
            if !(layoutTimeout > 0) { throw ValidationError("--layout-timeout must be positive") }
        }

        func run() throws {
            let format = try format ?? PictureFormat(path: output)
            try OutputFile.checkWritable(output, inputs: [input.file] + picture.others)
            let dot = try PictureSource.dot(input, picture, layoutTimeout: layoutTimeout)
            guard let device = format.device else {
                try OutputFile.emit(dot, to: output, inputs: [input.file] + picture.others)
                return
            }
            let rendered = try GraphvizJob.render(dot, as: device, dpi: dpi, timeout: layoutTimeout)
            for warning in rendered.warnings { Terminal.writeError("note: graphviz: \(warning)\n") }
            try OutputFile.write(rendered.bytes, to: output, inputs: [input.file] + picture.others)
        }
    }
}

/// Output formats of `gpath render`.
enum PictureFormat: String, ExpressibleByArgument, CaseIterable {
    case svg, png, pdf, dot

    /// The format named by `path`'s extension.
    init(path: String) throws {
        let name = URL(fileURLWithPath: path).pathExtension.lowercased()
        guard let format = PictureFormat(rawValue: name) else {
            let shown = name.isEmpty ? "no extension" : "extension `.\(name)`"
            throw CommandFailure.input(
                .usage, "cannot tell the picture format of `\(path)` (\(shown))", helps: ["name the file .svg, .png, .pdf or .dot, or pass --format"])
        }
        self = format
    }

    /// The Graphviz device, nil for DOT text.
    var device: RenderFormat? { RenderFormat(rawValue: rawValue) }
}
