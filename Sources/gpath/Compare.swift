import ArgumentParser
import GPathIR
import GPathReport

extension GPath {
    /// `gpath compare A B ...`: designs side by side.
    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare designs side by side: depth figures, params, FLOPs, combinations, duplication.",
            discussion: "A design is a file, optionally with parameter overrides after `@`: examples/vovnet_deep.net@modules=6,width=16.")

        @Argument(help: "Designs: FILE or FILE@name=value,name=value.")
        var designs: [String]

        @Option(name: .long, help: "Output format: table, markdown, csv, json.")
        var format: ReportFormat = .table

        @Option(name: [.short, .long], help: "Write the comparison to this file (atomically) instead of stdout.")
        var output: String?

        @Option(name: .long, help: ArgumentHelp("Also draw the comparison as a chart (.svg, .png, .pdf or .dot).", valueName: "file"))
        var plot: String?

        @OptionGroup(title: "Loading (applies to every design)")
        var load: LoadOptions

        func validate() throws {
            if designs.count < 1 { throw ValidationError("give at least one design") }
            if format == .darknet { throw ValidationError("--format darknet is darknet's load table of one .cfg (gpath analyze); compare writes table, markdown, csv or json") }
        }

        /// The design files (without `@` overrides), which no output may replace.
        private var inputFiles: [String] { designs.map { String($0.split(separator: "@", maxSplits: 1).first ?? "") } }

        func run() throws {
            if let output, output != "-" { try OutputFile.checkWritable(output, inputs: inputFiles) }
            if let plot { try OutputFile.checkWritable(plot, inputs: inputFiles) }
            var entries: [DesignComparison.Entry] = []
            var failed = 0
            for design in designs {
                let parts = design.split(separator: "@", maxSplits: 1).map(String.init)
                var arguments = [parts[0]] + load.arguments
                if parts.count == 2 {
                    for define in parts[1].split(separator: ",") { arguments += ["-D", String(define)] }
                }
                let options = try InputOptions.parse(arguments)
                let graph: Graph
                switch try GraphLoader.attempt(options) {
                case .failed(let diagnostics, let source):
                    // Reported, and the other designs are still compared; the exit code is 2.
                    GraphLoader.printDiagnostics(diagnostics, file: source, options)
                    failed += 1
                    continue
                case .loaded(let loaded):
                    GraphLoader.printDiagnostics(loaded.warnings, file: loaded.file, options)
                    graph = loaded.graph
                }
                let full = AnalysisLevel.refusal(for: graph) == nil
                entries.append(DesignComparison.Entry(label: design, report: AnalysisReport.make(graph: graph, inputName: parts[0], full: full)))
            }
            if entries.isEmpty { throw CommandFailure.silent(2) }
            let comparison = DesignComparison(entries: entries)
            let text = switch format {
            case .table, .darknet: comparison.table()   // darknet: rejected by validate()
            case .markdown: comparison.markdown()
            case .csv: comparison.csv()
            case .json: comparison.json()
            }
            if let plot {
                let format = try PictureFormat(path: plot)
                try OutputFile.checkWritable(plot, inputs: inputFiles)
                let dot = DesignChartWriter.write(comparison)
                if let device = format.device {
                    try OutputFile.write(try GraphvizJob.render(dot, as: device, dpi: 96, timeout: 60).bytes, to: plot, inputs: inputFiles)
                } else {
                    try OutputFile.emit(dot, to: plot, inputs: inputFiles)
                }
            }
            try OutputFile.emit(text, to: output, inputs: inputFiles)
            if failed > 0 {
                Terminal.writeError("error: \(failed) of \(designs.count) designs did not load; the comparison shows the other \(entries.count)\n")
                throw CommandFailure.silent(2)
            }
        }
    }
}
