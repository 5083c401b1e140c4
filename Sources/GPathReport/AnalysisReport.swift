import GPathAnalysis
import GPathIR

/// Everything `gpath analyze` reports about one graph: the input to every writer.
public struct AnalysisReport: Sendable {
    public let graph: Graph
    /// The file the graph came from, as the user named it.
    public let inputName: String
    /// Linear-time shortest/longest figures (always present).
    public let paths: GradientPaths
    /// The full analysis (timestamps, units, sources…), present at the full level only.
    public let analysis: GradientAnalysis?
    /// Each layer's timestamps without counts or sources, present at the timestamps level only.
    public let timestamps: LayerTimestamps?
    public let costs: Costs

    public init(graph: Graph, inputName: String, paths: GradientPaths, analysis: GradientAnalysis?, timestamps: LayerTimestamps? = nil, costs: Costs) {
        self.graph = graph
        self.inputName = inputName
        self.paths = paths
        self.analysis = analysis
        self.timestamps = timestamps
        self.costs = costs
    }

    /// The level the report holds.
    public var level: AnalysisLevel { analysis != nil ? .full : timestamps != nil ? .timestamps : .paths }

    /// Runs the passes of `level` (paths and costs always; `paths` when already computed).
    public static func make(graph: Graph, inputName: String, level: AnalysisLevel, paths: GradientPaths? = nil) -> AnalysisReport {
        AnalysisReport(
            graph: graph, inputName: inputName, paths: paths ?? GradientPathPass().run(on: graph),
            analysis: level == .full ? GradientAnalysisPass().run(on: graph) : nil,
            timestamps: level == .timestamps ? TimestampPass().run(on: graph) : nil,
            costs: CostPass().run(on: graph))
    }

    /// Runs every pass; `full: false` skips the (super-linear) full analysis.
    public static func make(graph: Graph, inputName: String, full: Bool = true) -> AnalysisReport {
        make(graph: graph, inputName: inputName, level: full ? .full : .paths)
    }

    /// The version written into JSON reports.
    public static let toolVersion = "0.1.0"
    /// The report schema's version.
    public static let schemaVersion = 1
}
