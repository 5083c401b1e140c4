import GPathAnalysis
import GPathIR

/// How much of the analysis a report holds; every JSON report says which (`analysis`).
public enum AnalysisLevel: String, Sendable, CaseIterable {
    /// The linear-time shortest/longest gradient paths per channel run, params and MACs.
    case paths
    /// Everything: timestamps, units, sources, path counts, combinations, duplication.
    case full

    /// Above this many nodes the full (super-linear) analysis is skipped unless asked for.
    public static let automaticFullLimit = 20_000

    /// The default level for a graph of `nodes` nodes.
    public static func automatic(nodes: Int) -> AnalysisLevel {
        nodes <= automaticFullLimit ? .full : .paths
    }

    /// Why the full analysis is not run on `graph` by default, or nil when it is: more nodes
    /// than ``automaticFullLimit`` (which `--analysis full` overrides), or merges that would
    /// make the channel-exact analysis exponential (``FullAnalysisBudget``, never overridden).
    public static func refusal(for graph: Graph, forced: Bool = false) -> String? {
        if let budget = FullAnalysisBudget.refusal(for: graph) { return budget }
        if !forced, automatic(nodes: graph.nodes.count) == .paths {
            return "\(graph.nodes.count) nodes exceed \(automaticFullLimit); reporting shortest/longest paths only (--analysis full forces the full analysis)"
        }
        return nil
    }
}
