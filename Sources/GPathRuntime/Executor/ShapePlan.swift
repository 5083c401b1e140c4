import GPathIR

/// The per-sample shape (channels, height, width) of every node's output, inferred from the
/// input sizes with the IR's formulas (each op's ``OpDefinition``) — the runtime's own check
/// that the graph can run.
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
        let channels = node.op.definition.channels == .placed ? node.channels : node.inputWidth
        return TensorShape(batch: 1, channels: channels, height: source.height, width: source.width)
    }

    /// Each edge's channels on its source's map, in edge order (an ``OperandKernel``'s
    /// operands).
    public func operandShapes(of node: Node) -> [TensorShape] {
        node.inputs.map { edge in
            let source = shapes[edge.source.index]
            return TensorShape(batch: 1, channels: edge.width, height: source.height, width: source.width)
        }
    }

    private static func shape(of node: Node, inputs: [TensorShape], graph: Graph, defaultSpatial: Spatial?) throws -> TensorShape {
        func make(_ h: Int, _ w: Int) -> TensorShape { TensorShape(batch: 1, channels: node.channels, height: h, width: w) }
        if node.op.family == .learned {
            return make(node.spatial?.height ?? 1, node.spatial?.width ?? 1)
        }
        if node.op.definition.arity == .none {
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
        if node.op.definition.channels == .computed {
            return try computedShape(of: node, inputs: inputs)
        }
        if let other = inputs.first(where: { $0.height != first.height || $0.width != first.width }) {
            throw RuntimeError.shape(node: node.name, message: "inputs have different spatial sizes \(first.height)x\(first.width) and \(other.height)x\(other.width)")
        }
        let definition = node.op.definition
        if let problem = definition.attributeProblem(of: node.op) {
            throw RuntimeError.unsupportedOp(node: node.name, op: node.op.kindName, reason: problem)
        }
        let size = definition.outputSpatial(of: node.op, input: Spatial(height: first.height, width: first.width))
        guard size.height >= 1, size.width >= 1 else {
            throw RuntimeError.shape(node: node.name, message: "\(definition.title) shrinks its \(first.height)x\(first.width) input to nothing")
        }
        return make(size.height, size.width)
    }

    /// A ``OpDefinition/ChannelRule/computed`` op's shape from its operands' planned shapes
    /// (each edge's width on its source's map).
    private static func computedShape(of node: Node, inputs: [TensorShape]) throws -> TensorShape {
        let input = ShapeInput(
            widths: node.inputs.map(\.width),
            spatials: inputs.map { Spatial(height: $0.height, width: $0.width) }, declaredChannels: node.channels)
        switch node.op.definition.shape(of: node.op, input) {
        case .shape(let channels, let spatial):
            guard channels == node.channels else {
                throw RuntimeError.shape(node: node.name, message: "computes \(channels) channels at run time where the graph has \(node.channels)")
            }
            return TensorShape(batch: 1, channels: channels, height: spatial?.height ?? 1, width: spatial?.width ?? 1)
        case .problem(let problem):
            throw RuntimeError.shape(node: node.name, message: problem)
        case nil:
            throw RuntimeError.shape(node: node.name, message: "has no shape rule")
        }
    }
}
