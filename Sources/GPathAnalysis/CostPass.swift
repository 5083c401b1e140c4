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
        perNode.reserveCapacity(graph.nodeCount)
        for index in 0..<graph.nodeCount {
            perNode.append(cost(of: NodeID(index), in: graph))
        }
        return Costs(nodes: perNode)
    }

    /// The node's cost by its op's ``OpDefinition``, read from the graph's flat storage.
    private func cost(of id: NodeID, in graph: Graph) -> NodeCost {
        let inputs = graph.inputs(of: id)
        let op = graph.op(of: id)
        var input = CostInput(
            channels: graph.channels(of: id), inputWidth: inputs.reduce(0) { $0 + $1.width },
            inputSpatial: inputs.first.flatMap { graph.spatial(of: $0.source) }, outputSpatial: graph.spatial(of: id))
        if inputs.count > 1 {  // one input's width and map are the fields above: no arrays
            input.operandWidths = inputs.map(\.width)
            input.operandSpatials = inputs.map { graph.spatial(of: $0.source) }
        }
        let cost = op.definition.cost(of: op, input)
        return NodeCost(params: cost.params, macs: cost.macs, activationMACs: cost.activationMACs)
    }
}

/// Cost of one node; nil means unknown.
public struct NodeCost: Sendable, Hashable {
    public let params: Int?
    public let macs: Int?
    /// The part of ``macs`` multiplying two activations (matrix products of feature maps).
    public let activationMACs: Int

    public init(params: Int?, macs: Int?, activationMACs: Int = 0) {
        self.params = params
        self.macs = macs
        self.activationMACs = activationMACs
    }
}

/// Costs of every node, indexed like ``Graph/nodes``.
public struct Costs: Sendable {
    public let nodes: [NodeCost]

    public subscript(id: NodeID) -> NodeCost { nodes[id.index] }

    /// Total trainable parameters (nil when any node's is unknown).
    public var params: Int? { total(\.params) }
    /// Total multiply-accumulates (nil when any node's is unknown).
    public var macs: Int? { total(\.macs) }
    /// The part of ``macs`` that multiplies two activations (saturating).
    public var activationMACs: Int { nodes.reduce(0) { $0.saturatingAdding($1.activationMACs) } }
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
