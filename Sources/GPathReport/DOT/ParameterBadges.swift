import GPathIR

/// Parameter tensors drawn as a badge on the layer they modify instead of as nodes of their
/// own: YOLOR's ImplicitA/ImplicitM (imported as a 1×1 convolution of a constant one,
/// broadcast and merged into the features), class tokens, position embeddings.
///
/// A node *carries data* when it depends on a network input of more than one value; a node
/// that does not (a learned tensor, a constant `1×1×1` input and what is computed from them
/// alone) is a parameter node, drawn on the first data-carrying node it feeds. A parameter
/// chain that feeds no data (a lone `learned → loss`) stays drawn. One topological sweep each
/// way; no recursion.
struct ParameterBadges {
    /// For each node: the data-carrying node it is drawn on, nil when drawn itself.
    let target: [NodeID?]

    init(_ graph: Graph) {
        var carries = [Bool](repeating: false, count: graph.nodes.count)
        for id in graph.topologicalOrder {
            let node = graph[id]
            if node.op.family == .source, node.inputs.isEmpty {
                carries[id.index] = node.channels * (node.spatial?.area ?? 1) > 1
            } else {
                carries[id.index] = node.inputs.contains { carries[$0.source.index] }
            }
        }
        var target = [NodeID?](repeating: nil, count: graph.nodes.count)
        for id in graph.topologicalOrder.reversed() where !carries[id.index] {
            for consumer in graph.consumers(of: id) {
                if carries[consumer.node.index] {
                    target[id.index] = consumer.node
                    break
                }
                if let further = target[consumer.node.index] {
                    target[id.index] = further
                    break
                }
            }
        }
        self.target = target
    }
}
