import GPathIR

/// The paper's round-by-round backward traversal (spec §4.2), implemented literally: round 1
/// routes every loss's gradient through parameter-free nodes to the layers it reaches; in
/// round t + 1 every layer reached in round t re-emits towards the input channels its reached
/// output channels depend on. A layer is re-visited in every round that reaches it.
///
/// This is the reference the fast ``GradientAnalysisPass`` (which derives timestamps from path
/// counts) is checked against. Cost O(rounds · (V + E) · runs): use it on small and medium graphs.
public struct TimestampTraversal: Sendable {
    public init() {}

    /// For every layer, round → output channels stamped in that round.
    public func run(on graph: Graph) -> [NodeID: [Int: ChannelSet]] {
        var stamps: [NodeID: [Int: ChannelSet]] = [:]
        var frontier: [NodeID: ChannelSet] = [:]
        for loss in graph.losses {
            reach(from: loss, channels: ChannelSet(ChannelRange(0, loss.inputWidth)), graph: graph, into: &frontier)
        }
        var round = 1
        let limit = graph.layers.count + 1
        while !frontier.isEmpty, round <= limit {
            var next: [NodeID: ChannelSet] = [:]
            for (layer, channels) in frontier.sorted(by: { $0.key < $1.key }) {
                stamps[layer, default: [:]][round] = channels
                let node = graph[layer]
                reach(from: node, channels: node.inputDependence(of: channels), graph: graph, into: &next)
            }
            frontier = next
            round += 1
        }
        return stamps
    }

    /// Routes `channels` of `node`'s routing space back through free nodes; adds the layer
    /// output channels reached to `reached`. Iterative, with a visited set per call.
    private func reach(from node: Node, channels: ChannelSet, graph: Graph, into reached: inout [NodeID: ChannelSet]) {
        struct Visit: Hashable {
            let node: NodeID
            let channels: ChannelSet
        }
        var stack: [Visit] = []
        var seen = Set<Visit>()
        func push(_ from: Node, _ set: ChannelSet) {
            for window in from.backwardWindows {
                let part = set.intersection(window.window)
                guard !part.isEmpty else { continue }
                let visit = Visit(node: window.source, channels: part.shifted(by: window.shift))
                if seen.insert(visit).inserted { stack.append(visit) }
            }
        }
        push(node, channels)
        while let visit = stack.popLast() {
            let current = graph[visit.node]
            switch current.op.routing {
            case .weighted:
                reached[visit.node] = (reached[visit.node] ?? ChannelSet()).union(visit.channels)
            case .copy, .divide, .pass:
                push(current, visit.channels)
            case .mix(let mixing):
                for dependence in current.mixedDependence(of: visit.channels, mixing) {
                    let next = Visit(node: dependence.window.source, channels: dependence.channels)
                    if seen.insert(next).inserted { stack.append(next) }
                }
            case .origin, .sink, .stop:
                break
            }
        }
    }
}
