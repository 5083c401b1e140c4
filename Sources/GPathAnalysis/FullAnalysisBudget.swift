import GPathIR

/// Whether ``GradientAnalysisPass`` stays affordable on a graph, decided in linear time before
/// it runs.
///
/// The full analysis routes every emission channel-exactly through merges. Its work grows with
/// the number of *segments* — runs of channels with one origin — that merges pile up: a concat
/// has the segments of all its inputs, a weighted layer starts one afresh. On most networks
/// the total is small (DenseNet-BC-40: a few thousand), but a concat ladder
/// `aK = concat(aK-1, aK-2)` doubles it every level or two (Fibonacci), so the channel-exact
/// routing is exponential in depth there. Above ``maximumSegments`` callers fall back to the
/// linear-time shortest/longest figures (``GradientPathPass``) with a note, as they do above
/// their node limit.
public enum FullAnalysisBudget {
    /// Most channel segments, summed over all nodes, the channel-exact analyses are run on:
    /// 100,000, or 64 per node on larger graphs.
    public static let maximumSegments = 100_000

    /// Segments per node allowed above ``maximumSegments``.
    public static let segmentsPerNode = 64

    /// The limit for `graph`.
    public static func limit(for graph: Graph) -> Int { max(maximumSegments, segmentsPerNode.saturatingMultiplied(by: graph.nodes.count)) }

    /// Σ over nodes of the segments of their output (saturating). O(nodes + edges).
    public static func segments(in graph: Graph) -> Int {
        var perNode = [Int](repeating: 1, count: graph.nodes.count)
        var total = 0
        for id in graph.topologicalOrder {
            let node = graph[id]
            let inputs = node.inputs.map { perNode[$0.source.index] }
            switch node.op.routing {
            case .weighted, .sink, .mix, .origin, .stop:
                perNode[id.index] = 1
            case .copy:
                // An add's inputs overlap: its cuts are the widest input's plus two per edge
                // that covers only part of the output.
                let partial = node.inputs.filter { $0.width < node.channels }.count
                perNode[id.index] = (inputs.max() ?? 1).saturatingAdding(2 * partial)
            case .divide, .pass:
                perNode[id.index] = inputs.reduce(0) { $0.saturatingAdding($1) }
            }
            // A node cannot have more runs than channels.
            perNode[id.index] = max(1, min(perNode[id.index], max(1, node.channels)))
            total = total.saturatingAdding(perNode[id.index])
        }
        return total
    }

    /// Nil when the full analysis fits; otherwise the note saying why it is skipped.
    public static func refusal(for graph: Graph) -> String? {
        let segments = segments(in: graph)
        let limit = limit(for: graph)
        guard segments > limit else { return nil }
        return "merges split the channels into \(segments == .max ? "more than 9e18" : String(segments)) segments, above \(limit) "
            + "(the channel-exact analysis grows with them); reporting shortest/longest paths only"
    }
}
