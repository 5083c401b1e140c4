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
}
