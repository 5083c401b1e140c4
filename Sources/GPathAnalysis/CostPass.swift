import GPathIR

/// Trainable parameters and multiply-accumulates per node (spec: params = weights, biases,
/// norm scale and shift — not running statistics; FLOPs = 2 × MACs).
///
/// Nodes whose cost cannot be known (graph JSON's bare `layer`, or a convolution whose input
/// size is unknown, for MACs) get nil rather than a silent zero. Sizes are at most 2^30 each
/// (``Limits/maximumExtent``), so a product of four can pass `Int.max`: every product and sum
/// saturates at `Int.max` (9,223,372,036,854,775,807) instead of trapping.
public struct CostPass: Sendable {
    public init() {}

    public func run(on graph: Graph) -> Costs {
        var perNode: [NodeCost] = []
        for node in graph.nodes {
            perNode.append(cost(of: node, in: graph))
        }
        return Costs(nodes: perNode)
    }

    private func cost(of node: Node, in graph: Graph) -> NodeCost {
        let inputWidth = node.inputWidth
        let inputSpatial = node.inputs.first.flatMap { graph[$0.source].spatial }
        switch node.op {
        case .convolution(let c):
            let weights = node.channels.saturatingMultiplied(by: inputWidth / max(1, c.groups)).saturatingMultiplied(by: c.kernelArea)
            let extra = (c.normalized ? 2 * node.channels : 0) + (c.bias && !c.normalized ? node.channels : 0)
            let macs = node.spatial.map { weights.saturatingMultiplied(by: $0.area) }
            return NodeCost(params: weights.saturatingAdding(extra), macs: macs)
        case .linear(let l):
            let features = inputWidth.saturatingMultiplied(by: inputSpatial?.area ?? 1)
            let weights = features.saturatingMultiplied(by: node.channels)
            let extra = (l.normalized ? 2 * node.channels : 0) + (l.bias && !l.normalized ? node.channels : 0)
            return NodeCost(params: weights.saturatingAdding(extra), macs: weights)
        case .layer:
            return NodeCost(params: nil, macs: nil)
        case .passThrough(.normalization):
            return NodeCost(params: 2 * node.channels, macs: 0)
        default:
            return NodeCost(params: 0, macs: 0)
        }
    }
}

/// Cost of one node; nil means unknown.
public struct NodeCost: Sendable, Hashable {
    public let params: Int?
    public let macs: Int?
}

/// Costs of every node, indexed like ``Graph/nodes``.
public struct Costs: Sendable {
    public let nodes: [NodeCost]

    public subscript(id: NodeID) -> NodeCost { nodes[id.index] }

    /// Total trainable parameters (nil when any node's is unknown).
    public var params: Int? { total(\.params) }
    /// Total multiply-accumulates (nil when any node's is unknown).
    public var macs: Int? { total(\.macs) }
    /// 2 × MACs (saturating).
    public var flops: Int? { macs.map { $0.saturatingMultiplied(by: 2) } }

    private func total(_ field: KeyPath<NodeCost, Int?>) -> Int? {
        var sum = 0
        for cost in nodes {
            guard let value = cost[keyPath: field] else { return nil }
            sum = sum.saturatingAdding(value)
        }
        return sum
    }
}
