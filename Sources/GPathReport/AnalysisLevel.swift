import GPathAnalysis
import GPathIR

/// How much of the analysis a report holds; every JSON report says which (`analysis`).
public enum AnalysisLevel: String, Sendable, CaseIterable, Comparable {
    /// The linear-time shortest/longest gradient paths per channel run, params and MACs.
    case paths
    /// Every layer's gradient timestamps as bit sets (``TimestampPass``), no counts or sources.
    case timestamps
    /// Everything: timestamps, units, sources, path counts, combinations, duplication.
    case full

    /// Above this many nodes the full analysis is not the default (timestamps are).
    public static let automaticFullLimit = 20_000

    /// Memory a level may plan to use (``AnalysisMemoryEstimate``): 4 GB.
    public static let memoryBudget = 4_000_000_000

    public static func < (a: AnalysisLevel, b: AnalysisLevel) -> Bool { a.rank < b.rank }

    private var rank: Int {
        switch self {
        case .paths: 0
        case .timestamps: 1
        case .full: 2
        }
    }

    /// The level `graph` is analysed at, and a note for each level it was refused: the one
    /// `requested` (or the highest by default: full up to ``automaticFullLimit`` nodes,
    /// timestamps above), lowered while merges would make the channel-exact routing exponential
    /// (``FullAnalysisBudget``) or the estimated memory exceeds `budget` (for `json` at the
    /// default level, the report's text too: ``AnalysisMemoryEstimate/fullJSONBytes``) — decided
    /// before anything big is allocated.
    public static func choose(for graph: Graph, paths: GradientPaths, requested: AnalysisLevel?, budget: Int = memoryBudget, json: Bool = false) -> (level: AnalysisLevel, notes: [String]) {
        var level = requested ?? (graph.nodes.count <= automaticFullLimit ? .full : .timestamps)
        var notes: [String] = []
        if requested == nil, level == .timestamps {
            notes.append("\(graph.nodes.count) nodes exceed \(automaticFullLimit): reporting timestamps without path counts or sources (--analysis full asks for them)")
        }
        guard level > .paths else { return (level, notes) }
        if let refusal = FullAnalysisBudget.refusal(for: graph) {
            notes.append(refusal)
            return (.paths, notes)
        }
        let estimate = AnalysisMemoryEstimate(graph: graph, paths: paths)
        if level == .full, estimate.fullBytes > budget {
            notes.append("exact path counts and sources would need about \(AnalysisMemoryEstimate.describe(bytes: estimate.fullBytes)) "
                + "(Σ|T| up to \(estimate.timestampBound), counts up to \(estimate.countBits) bits), above the \(AnalysisMemoryEstimate.describe(bytes: budget)) budget; reporting timestamps only")
            level = .timestamps
        } else if level == .full, json, requested == nil, estimate.fullJSONBytes > budget {
            // The report is streamed, so its text takes no memory; this keeps a default run
            // from writing gigabytes nobody asked for.
            notes.append("the JSON report's path counts alone would be about \(AnalysisMemoryEstimate.describe(bytes: estimate.fullJSONBytes)) of text, "
                + "above the \(AnalysisMemoryEstimate.describe(bytes: budget)) budget; reporting timestamps only (--analysis full writes them)")
            level = .timestamps
        }
        if level == .timestamps, estimate.timestampsBytes > budget {
            notes.append("timestamp sets would need about \(AnalysisMemoryEstimate.describe(bytes: estimate.timestampsBytes)), above the \(AnalysisMemoryEstimate.describe(bytes: budget)) budget; reporting shortest/longest paths only")
            level = .paths
        }
        return (level, notes)
    }

    /// Why the full analysis is not run on `graph` by default, or nil when it is.
    public static func refusal(for graph: Graph, forced: Bool = false) -> String? {
        let (level, notes) = choose(for: graph, paths: GradientPathPass().run(on: graph), requested: forced ? .full : nil)
        return level == .full ? nil : notes.joined(separator: "; ")
    }
}
