import ArgumentParser
import Foundation
import GPathAnalysis
import GPathConfig
import GPathDiagnostics
import GPathReport

extension GPath {
    /// `gpath report FILE -o report.html`: one self-contained HTML page (no network, no
    /// library) with the summary, the picture (hover and path highlighting), the layer table,
    /// the timestamp diagram and the check findings. Both pictures are rendered in-process.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a self-contained HTML report: summary, interactive picture, layer table, timestamps, check findings.",
            discussion: """
                The page needs no network and loads nothing: open it in any browser. Click a layer in the picture or the table \
                to highlight its shortest and longest gradient path back to the loss. The picture is `gpath render`'s: fitted to a \
                readable page (--full draws everything); the findings are `gpath check`'s with the nearest .gpath.yml (or --config). \
                Exit codes: 0 written, 2 usage or input errors (no file is left behind).
                """)

        @OptionGroup var input: InputOptions

        @Option(name: [.short, .long], help: "The HTML file to write.")
        var output: String

        @Option(name: .long, help: "Configuration file for the findings (default: the nearest .gpath.yml above the input).")
        var config: String?

        @OptionGroup(title: "Picture")
        var layout: PictureLayoutArguments

        @Option(name: .customLong("layout-timeout"), help: ArgumentHelp("Give up when laying out a picture takes longer than this.", valueName: "seconds"))
        var layoutTimeout = 60.0

        /// Above this many cells (units × longest path) the timestamp diagram is left out: its
        /// layout would take longer than the rest of the report.
        static let timestampCellLimit = 40_000

        func validate() throws {
            if !(layoutTimeout > 0) { throw ValidationError("--layout-timeout must be positive") }
        }

        private var inputs: [String] { [input.file] + (config.map { [$0] } ?? []) }

        func run() throws {
            try OutputFile.checkWritable(output, inputs: inputs)
            let configuration = try config.map { try ConfigLoader.load(path: $0, noColor: input.noColor) }
                ?? ConfigLoader.nearest(to: input.file, noColor: input.noColor)
            let (graph, file, _) = try GraphLoader.loadSource(input)
            let paths = GradientPathPass().run(on: graph)
            let (level, levelNotes) = AnalysisLevel.choose(for: graph, paths: paths, requested: nil)
            for note in levelNotes { Terminal.writeError("note: \(note)\n") }
            let report = AnalysisReport.make(graph: graph, inputName: input.file, level: level, paths: paths)
            let (picture, note) = try PageFitting.fit(report, layout, timeout: layoutTimeout)
            if let note { Terminal.writeError(note + "\n") }
            let pictureSVG = try svg(picture.text)
            let diagram = try timestampDiagram(report)
            let findings = try check(report, file: file, configuration: configuration)
            let page = HTMLReportWriter.write(HTMLReportInput(
                report: report, picture: picture, pictureSVG: pictureSVG, timestampDiagram: diagram,
                chains: GradientPathChainPass().run(on: graph), findings: findings, notes: levelNotes, pictureNote: note))
            try OutputFile.emit(page, to: output, inputs: inputs)
        }

        private func svg(_ dot: String) throws -> String {
            let rendered = try GraphvizJob.render(dot, as: .svg, dpi: 72, timeout: layoutTimeout)
            for warning in rendered.warnings { Terminal.writeError("note: graphviz: \(warning)\n") }
            return String(decoding: rendered.bytes, as: UTF8.self)
        }

        /// The Figure-7 diagram, or why there is none.
        private func timestampDiagram(_ report: AnalysisReport) throws -> HTMLReportInput.TimestampDiagram {
            guard let analysis = report.analysis else {
                return .omitted("The timestamp diagram needs the full analysis, which is not run on this network (see the summary's notes).")
            }
            let rows = analysis.units.compactMap(\.longestPath).max() ?? 0
            let cells = analysis.units.count * max(rows, 1)
            if cells > Self.timestampCellLimit {
                return .omitted("The timestamp diagram is left out: \(analysis.units.count) units × \(rows) timestamps is over \(Self.timestampCellLimit) cells "
                    + "(`gpath render \(input.file) --view timestamps -o timestamps.svg` draws it alone).")
            }
            return .svg(try svg(TimestampDiagramWriter.write(analysis, networkName: report.graph.name)))
        }

        /// `gpath check`'s findings for the file: the configuration's rules (training rules
        /// aside: they need `gpath check --train`) and its baseline.
        private func check(_ report: AnalysisReport, file: SourceFile, configuration: CheckConfiguration) throws -> HTMLReportInput.Findings {
            let rules = configuration.resolved(for: input.file)
            let violations = RuleEvaluator(configuration: rules).evaluate(
                graph: report.graph, paths: report.paths, analysis: report.analysis, costs: report.costs, training: nil)
            let baseline = try configuration.baselinePath.map(Baseline.read) ?? []
            let kept = violations.filter { !baseline.contains($0.fingerprint) }
            let result = CheckResult(
                file: input.file, network: report.graph.name, layers: report.paths.layers.count, violations: kept,
                baselined: violations.count - kept.count, rules: rules.enabledRules.filter { !$0.needsTraining })
            return HTMLReportInput.Findings(result: result, source: file)
        }
    }
}
