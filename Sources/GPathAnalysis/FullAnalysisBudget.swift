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
    /// Most channel segments, summed over all nodes, the full analysis is run on: 100,000.
    public static let maximumSegments = 100_000

    /// Σ over nodes of the segments of their output (saturating). O(nodes + edges).
    public static func segments(in graph: Graph) -> Int {
        var perNode = [Int](repeating: 1, count: graph.nodes.count)
        var total = 0
        for id in graph.topologicalOrder {
            let node = graph[id]
            switch node.op.routing {
            case .weighted, .sink, .mix:
                perNode[id.index] = 1
            default:
                perNode[id.index] = max(1, node.inputs.reduce(0) { $0.saturatingAdding(perNode[$1.source.index]) })
            }
            total = total.saturatingAdding(perNode[id.index])
        }
        return total
    }

    /// Nil when the full analysis fits; otherwise the note saying why it is skipped.
    public static func refusal(for graph: Graph) -> String? {
        let segments = segments(in: graph)
        guard segments > maximumSegments else { return nil }
        return "merges split the channels into \(segments == .max ? "more than 9e18" : String(segments)) segments, above \(maximumSegments) "
            + "(the channel-exact analysis grows with them); reporting shortest/longest paths only"
    }
}
