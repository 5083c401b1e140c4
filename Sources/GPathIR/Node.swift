import GPathDiagnostics

/// One operation producing exactly one output tensor.
public struct Node: Hashable, Sendable {
    public let id: NodeID
    /// Unique, hierarchical name (`stage2.block1.conv2`); the id of graph JSON.
    public var name: String
    public var op: Op
    /// Output channels (inferred for merge and pass-through ops).
    public var channels: Int
    /// Output height and width, when the input sizes are known.
    public var spatial: Spatial?
    /// Incoming edges in order.
    public var inputs: [Edge]
    /// Where the node was declared (or the block instantiation that produced it).
    public var location: SourceLocation?

    public init(
        id: NodeID, name: String, op: Op, channels: Int, spatial: Spatial? = nil,
        inputs: [Edge] = [], location: SourceLocation? = nil
    ) {
        self.id = id
        self.name = name
        self.op = op
        self.channels = channels
        self.spatial = spatial
        self.inputs = inputs
        self.location = location
    }

    /// Total width of the inputs placed side by side (the input channel space of a weighted
    /// layer or a loss).
    public var inputWidth: Int { inputs.reduce(0) { $0 + $1.width } }

    /// For each input edge, where its channels start in the side-by-side input space; for adds,
    /// the edge's destination offset (ops whose channels are ``OpDefinition/ChannelRule/placed``);
    /// 0 for every edge of an op whose shape is computed (each operand stands alone).
    public var inputOffsets: [Int] {
        switch op.definition.channels {
        case .placed: return inputs.map { $0.destinationOffset ?? 0 }
        case .computed: return inputs.map { _ in 0 }
        case .declared, .sumOfInputs: break
        }
        var offsets: [Int] = []
        var running = 0
        for edge in inputs {
            offsets.append(running)
            running += edge.width
        }
        return offsets
    }

    /// `shape` text for reports: `64x56x56`, or `64` when the spatial size is unknown.
    public var shapeDescription: String {
        guard let spatial else { return "\(channels)" }
        return "\(channels)x\(spatial.height)x\(spatial.width)"
    }
}
