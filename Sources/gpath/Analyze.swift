import ArgumentParser
import Foundation
import GPathDiagnostics
import GPathAnalysis
import GPathFormats
import GPathIR
import GPathReport

extension GPath {
    /// `gpath analyze FILE`: per-layer gradient paths, params and MACs, and a summary.
    struct Analyze: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report shortest/longest gradient paths, timestamps, params and MACs per layer.")

        @OptionGroup var input: InputOptions

        @Option(name: .long, help: "Output format: table, markdown, csv, json, darknet (darknet's load table, .cfg inputs only).")
        var format: ReportFormat = .table

        @Option(name: [.short, .long], help: "Write the report to this file (atomically) instead of stdout.")
        var output: String?

        @Option(name: .long, help: ArgumentHelp(
            "Analysis level: paths (linear-time shortest/longest only), timestamps (each layer's timestamps as bit sets) or full (units, sources, path counts, duplication too). Default: full up to 20,000 nodes, timestamps above; a level whose estimated memory exceeds 4 GB is lowered, with a note.",
            valueName: "level"))
        var analysis: AnalysisLevel?

        @Option(name: .customLong("memory-budget"), help: ArgumentHelp(
            "Gigabytes the timestamps and full analyses may plan to use (default 4); a level estimated above it is lowered before it allocates.",
            valueName: "GB"))
        var memoryBudget: Double = 4

        @Flag(name: .customLong("paths-only"), help: "Same as --analysis paths.")
        var pathsOnly = false

        @Flag(name: .customLong("all-sources"), help: "JSON: always list every unit's gradient sources, however many (they grow as depth³ on deep residual nets).")
        var allSources = false

        @Flag(name: .long, help: "JSON: write the report on one line, without indentation or line breaks (same content, about half the bytes).")
        var compact = false

        @Flag(name: .long, help: "Print the Figure-7 grid (timestamps x units), combinations and gradient sources.")
        var timestamps = false

        @Flag(name: .long, help: "List every channel unit with its timestamps and sources.")
        var units = false

        @Option(name: .long, help: ArgumentHelp("Print the path-length distribution of one layer.", valueName: "layer"))
        var paths: String?

        func validate() throws {
            let views = [timestamps, units, paths != nil].filter { $0 }.count
            if views > 1 { throw ValidationError("--timestamps, --units and --paths are separate views; pick one") }
            if pathsOnly, analysis == .full { throw ValidationError("--paths-only and --analysis full contradict each other") }
            if !(memoryBudget > 0 && memoryBudget <= 1e6) { throw ValidationError("--memory-budget takes gigabytes between 0 and 1,000,000, not \(memoryBudget)") }
            if views == 1 && requestedLevel == .paths { throw ValidationError("--analysis paths has no timestamps, units or path counts to show") }
            if views == 1 && requestedLevel == .timestamps { throw ValidationError("--timestamps, --units and --paths need the full analysis; drop --analysis timestamps") }
            if views == 1 && format != .table { throw ValidationError("--timestamps, --units and --paths print text; drop --format") }
            if compact && format != .json { throw ValidationError("--compact applies to --format json only") }
        }

        func run() throws {
            if format == .darknet, try GraphLoader.format(of: input) != .darknet {
                throw CommandFailure.input(
                    .usage, "--format darknet prints darknet's load table, which needs a Darknet .cfg input; `\(input.file)` is not one",
                    helps: ["use --format table, or --from darknet if the file is a .cfg under another name"])
            }
            if let output, output != "-" { try OutputFile.checkWritable(output, inputs: [input.file]) }
            let (graph, file, _) = try GraphLoader.loadSource(input)
            let views = timestamps || units || paths != nil
            let gradientPaths = GradientPathPass().run(on: graph)
            let (level, notes) = AnalysisLevel.choose(for: graph, paths: gradientPaths, requested: views ? .full : requestedLevel, budget: Int(memoryBudget * 1e9), json: format == .json)
            if views, level != .full {
                throw CommandFailure.input(.analysisRefused, "cannot show \(timestamps ? "--timestamps" : units ? "--units" : "--paths") for `\(input.file)`: \(notes.joined(separator: "; "))")
            }
            for note in notes { Terminal.writeError("note: \(note)\n") }
            let report = AnalysisReport.make(graph: graph, inputName: input.file, level: level, paths: gradientPaths)
            if let text = try view(report) {
                try OutputFile.emit(text, to: output, inputs: [input.file])
                return
            }
            if format == .json {
                // Streamed: a multi-gigabyte report goes out in 1 MiB chunks, never held whole.
                let includeSources = includeSources(report)
                try OutputFile.stream(to: output, inputs: [input.file]) { sink in
                    try JSONReportWriter.write(report, includeSources: includeSources, style: compact ? .compact : .pretty, to: sink)
                }
                return
            }
            let text: String = switch format {
            case .table: TableWriter.write(report, bold: output == nil && Terminal.wantsColor(STDOUT_FILENO, disabled: input.noColor))
            case .markdown: MarkdownWriter.write(report)
            case .csv: CSVWriter.write(report)
            case .json: JSONReportWriter.write(report, includeSources: includeSources(report), style: compact ? .compact : .pretty)
            case .darknet: DarknetTableWriter.write(report, sectionTypes: DarknetReader.sectionTypes(file))
            }
            try OutputFile.emit(text, to: output, inputs: [input.file])
        }

        /// The text of `--timestamps`, `--units` or `--paths`, when one was asked for.
        private func view(_ report: AnalysisReport) throws -> String? {
            guard let analysis = report.analysis else { return nil }
            if timestamps { return TimestampGridWriter.write(analysis) }
            if units { return UnitsWriter.write(analysis) }
            guard let name = paths else { return nil }
            guard let layer = analysis.layers.first(where: { $0.name == name }) else {
                let help = Suggestion.help(for: name, among: analysis.layers.map(\.name))
                throw CommandFailure.input(.usage, "no weighted layer named `\(name)` in `\(input.file)`", helps: help)
            }
            return PathDistributionWriter.write(layer)
        }

        /// Whether the JSON report lists gradient sources: yes unless there would be more than
        /// ``sourceEntryLimit`` entries and `--all-sources` was not given (then a note says so).
        private func includeSources(_ report: AnalysisReport) -> Bool {
            guard !allSources, let analysis = report.analysis else { return true }
            let count = JSONReportWriter.sourceEntryCount(analysis)
            guard count > Self.sourceEntryLimit else { return true }
            Terminal.writeError("note: \(count) gradient-source entries exceed \(Self.sourceEntryLimit); the JSON report omits `sources` and duplication `pairs` (see `omitted`); --all-sources lists them\n")
            return false
        }

        /// Above this many source entries the JSON report leaves them out unless asked.
        static let sourceEntryLimit = 1_000_000

        /// The level asked for on the command line, if any.
        private var requestedLevel: AnalysisLevel? { pathsOnly ? .paths : analysis }
    }
}

/// Report formats of `gpath analyze`.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    case markdown
    case csv
    case json
    /// darknet's `layer filters size/strd(dil) input output BF` table; `.cfg` inputs only.
    case darknet
}

extension AnalysisLevel: ExpressibleByArgument {}
