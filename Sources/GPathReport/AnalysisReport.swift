import GPathAnalysis
import GPathIR

/// Everything `gpath analyze` reports about one graph: the input to every writer.
public struct AnalysisReport: Sendable {
    public let graph: Graph
    /// The file the graph came from, as the user named it.
    public let inputName: String
    /// Linear-time shortest/longest figures (always present).
    public let paths: GradientPaths
    /// The full analysis (timestamps, units, sources…), absent in paths-only mode.
    public let analysis: GradientAnalysis?
    public let costs: Costs

    public init(graph: Graph, inputName: String, paths: GradientPaths, analysis: GradientAnalysis?, costs: Costs) {
        self.graph = graph
        self.inputName = inputName
        self.paths = paths
        self.analysis = analysis
        self.costs = costs
    }

    /// Runs every pass; `full: false` skips the (super-linear) full analysis.
    public static func make(graph: Graph, inputName: String, full: Bool = true) -> AnalysisReport {
        AnalysisReport(
            graph: graph, inputName: inputName, paths: GradientPathPass().run(on: graph),
            analysis: full ? GradientAnalysisPass().run(on: graph) : nil,
            costs: CostPass().run(on: graph))
    }

    /// The version written into JSON reports.
    public static let toolVersion = "0.1.0"
    /// The report schema's version.
    public static let schemaVersion = 1
}
