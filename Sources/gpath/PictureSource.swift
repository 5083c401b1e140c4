import GPathReport

/// Loads the input(s) and writes the DOT text of the picture `gpath dot` and `gpath render`
/// draw, fitted to the page (``PageFitting``); prints what fitting did on stderr.
enum PictureSource {
    static func dot(_ input: InputOptions, _ picture: PictureArguments, layoutTimeout: Double = 60) throws -> String {
        let graph = try GraphLoader.load(input)
        switch picture.view {
        case .graph:
            let full = picture.colorBy == .timestamps
            let report = AnalysisReport.make(graph: graph, inputName: input.file, full: full)
            let result = try PageFitting.fit(report, picture.layout, timeout: layoutTimeout)
            if let note = result.note { Terminal.writeError(note + "\n") }
            return result.picture.text
        case .timestamps:
            let report = AnalysisReport.make(graph: graph, inputName: input.file, full: true)
            guard let analysis = report.analysis else { return "" }
            return TimestampDiagramWriter.write(analysis, networkName: graph.name)
        case .compare:
            var second = input
            second.file = picture.others[0]
            let other = try GraphLoader.load(second)
            return ComparisonChartWriter.write(
                AnalysisReport.make(graph: graph, inputName: input.file, full: false),
                AnalysisReport.make(graph: other, inputName: second.file, full: false))
        }
    }
}
