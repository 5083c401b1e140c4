import GPathIR

/// The per-sample shape (channels, height, width) of every node's output, inferred from the
/// input sizes with the IR's formulas — the runtime's own check that the graph can run.
///
/// Inputs take their declared spatial size; an input without one (graph JSON carries channels
/// only) takes `defaultSpatial`. O(V + E), one pass in topological order.
public struct ShapePlan: Sendable {
    /// Output shape of each node with batch 1, indexed by node index.
    public let shapes: [TensorShape]

    public init(graph: Graph, defaultSpatial: Spatial?) throws {
        var shapes = [TensorShape](repeating: TensorShape(batch: 1, channels: 0), count: graph.nodes.count)
        for id in graph.topologicalOrder {
            let node = graph[id]
            shapes[id.index] = try Self.shape(of: node, inputs: node.inputs.map { shapes[$0.source.index] }, graph: graph, defaultSpatial: defaultSpatial)
        }
        self.shapes = shapes
    }

    /// The shape of the node's assembled input (channels side by side, or the add's width).
    public func inputShape(of node: Node) -> TensorShape {
        guard let first = node.inputs.first else { return shapes[node.id.index] }
        let source = shapes[first.source.index]
        let channels = node.op == .add ? node.channels : node.inputWidth
        return TensorShape(batch: 1, channels: channels, height: source.height, width: source.width)
    }

    private static func shape(of node: Node, inputs: [TensorShape], graph: Graph, defaultSpatial: Spatial?) throws -> TensorShape {
        func make(_ h: Int, _ w: Int) -> TensorShape { TensorShape(batch: 1, channels: node.channels, height: h, width: w) }
        if node.op == .input {
            guard let spatial = node.spatial ?? defaultSpatial else {
                throw RuntimeError.shape(node: node.name, message: "input has no spatial size; declare it (`input \(node.name) \(node.channels)x32x32`) or give one")
            }
            if let declared = node.spatial, let given = defaultSpatial, declared != given {
                throw RuntimeError.shape(node: node.name, message: "input is declared \(node.channels)x\(declared) but the data is \(node.channels)x\(given)")
            }
            return make(spatial.height, spatial.width)
        }
        guard let first = inputs.first else {
            throw RuntimeError.shape(node: node.name, message: "has no input")
        }
        if let other = inputs.first(where: { $0.height != first.height || $0.width != first.width }) {
            throw RuntimeError.shape(node: node.name, message: "inputs have different spatial sizes \(first.height)x\(first.width) and \(other.height)x\(other.width)")
        }
        let (h, w) = (first.height, first.width)
        switch node.op {
        case .input:
            return make(h, w)
        case .convolution(let c):
            guard c.kernel.minimum >= 1, c.stride.minimum >= 1, c.dilation.minimum >= 1, c.padding.minimum >= 0, c.groups >= 1 else {
                throw RuntimeError.unsupportedOp(node: node.name, op: node.op.kindName, reason: "kernel \(c.kernel), stride \(c.stride), dilation \(c.dilation) and groups \(c.groups) must be positive and padding \(c.padding) not negative")
            }
            let size = c.output(Spatial(height: h, width: w))
            let out = make(size.height, size.width)
            guard out.height >= 1, out.width >= 1 else {
                throw RuntimeError.shape(node: node.name, message: "convolution shrinks its \(h)x\(w) input to nothing")
            }
            return out
        case .linear:
            return make(1, 1)
        case .layer, .add, .concat, .stopGradient, .loss:
            return make(h, w)
        case .passThrough(let kind):
            switch kind {
            case .maxPool(let p), .averagePool(let p):
                guard p.kernel.minimum >= 1, p.stride.minimum >= 1, p.padding.minimum >= 0, p.trailingPadding.minimum >= 0 else {
                    throw RuntimeError.unsupportedOp(node: node.name, op: node.op.kindName, reason: "pooling kernel \(p.kernel) and stride \(p.stride) must be positive and padding \(p.padding) not negative")
                }
                let size = p.output(Spatial(height: h, width: w))
                return make(size.height, size.width)
            case .globalAveragePool, .globalMaxPool:
                return make(1, 1)
            case .upsample(let scale):
                guard scale >= 1 else {
                    throw RuntimeError.unsupportedOp(node: node.name, op: node.op.kindName, reason: "upsampling scale \(scale) must be at least 1")
                }
                return make(h * scale, w * scale)
            case .identity, .activation, .normalization, .slice, .dropout:
                return make(h, w)
            }
        }
    }
}
