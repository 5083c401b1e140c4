import GPathDiagnostics
import GPathIR

/// A ``GraphBuilder`` that also computes each node's output shape as it is declared, so the
/// Darknet and YOLO importers can derive widths and check shapes with source locations before
/// the IR verifier runs. Every method declares exactly one node and its edges.
///
/// Shapes follow the IR's own rules (``OpDefinition/outputSpatial(of:input:)``), so the
/// verifier re-derives the same numbers.
struct TensorBuilder: Sendable {
    private(set) var builder: GraphBuilder
    /// While true, nodes declared are behind a gradient barrier: every edge leaving them stops
    /// gradient (darknet's `stopbackward=1`, which trains no layer up to and including its own).
    var declaresBehindBarrier = false
    private var behindBarrier: Set<String> = []
    /// What the source format calls each section or row (``Graph/sourceKinds``).
    var sourceKinds: [String: String] = [:]

    init(name: String) { builder = GraphBuilder(name: name) }

    /// A network input `channels × height × width`.
    mutating func input(_ name: String, channels: Int, spatial: Spatial, at location: SourceLocation?) -> ImportedTensor {
        builder.addNode(name, op: .input, channels: channels, spatial: spatial, location: location)
        if declaresBehindBarrier { behindBarrier.insert(name) }
        return ImportedTensor(name: name, channels: channels, spatial: spatial)
    }

    /// A convolution reading `inputs` side by side; nil when the output would be empty.
    mutating func convolution(
        _ name: String, _ inputs: [ImportedEdge], filters: Int, _ convolution: Convolution,
        at location: SourceLocation?
    ) -> ImportedTensor? {
        guard let first = inputs.first else { return nil }
        let op = Op.convolution(convolution)
        let spatial = op.definition.outputSpatial(of: op, input: first.tensor.spatial)
        guard spatial.height >= 1, spatial.width >= 1 else { return nil }
        return declare(name, op: op, channels: filters, spatial: spatial, inputs, at: location)
    }

    /// A fully connected layer (1×1 output).
    mutating func linear(_ name: String, _ input: ImportedTensor, outputs: Int, _ linear: Linear, at location: SourceLocation?) -> ImportedTensor {
        declare(name, op: .linear(linear), channels: outputs, spatial: Spatial(height: 1, width: 1), [ImportedEdge(input)], at: location)
    }

    /// A channel-preserving single-input op; the output size follows the op's
    /// ``OpDefinition``.
    mutating func passThrough(_ name: String, _ kind: PassThrough, _ input: ImportedEdge, at location: SourceLocation?) -> ImportedTensor {
        let op = Op.passThrough(kind)
        let spatial = op.definition.outputSpatial(of: op, input: input.tensor.spatial)
        return declare(name, op: op, channels: input.width, spatial: spatial, [input], at: location)
    }

    /// Inputs side by side (all must share the first input's spatial size: callers check).
    mutating func concat(_ name: String, _ inputs: [ImportedEdge], at location: SourceLocation?) -> ImportedTensor {
        let width = inputs.reduce(0) { $0 + $1.width }
        let spatial = inputs.first?.tensor.spatial ?? Spatial(height: 1, width: 1)
        return declare(name, op: .concat, channels: width, spatial: spatial, inputs, at: location)
    }

    /// Element-wise sum; `channels` is the output width (edges land at their destination offset).
    mutating func add(_ name: String, _ inputs: [ImportedEdge], channels: Int, at location: SourceLocation?) -> ImportedTensor {
        let spatial = inputs.first?.tensor.spatial ?? Spatial(height: 1, width: 1)
        return declare(name, op: .add, channels: channels, spatial: spatial, inputs, at: location)
    }

    /// A loss reading `inputs`.
    mutating func loss(_ name: String, _ kind: LossKind, _ inputs: [ImportedEdge], at location: SourceLocation?) {
        let width = inputs.reduce(0) { $0 + $1.width }
        _ = declare(name, op: .loss(kind), channels: width, spatial: inputs.first?.tensor.spatial ?? Spatial(height: 1, width: 1), inputs, at: location)
    }

    /// A forward identity that sends no gradient back.
    mutating func stopGradient(_ name: String, _ input: ImportedTensor, at location: SourceLocation?) -> ImportedTensor {
        declare(name, op: .stopGradient, channels: input.channels, spatial: input.spatial, [ImportedEdge(input)], at: location)
    }

    /// Space-to-depth by `stride` (darknet `[reorg3d]`, YOLO `ReOrg`/`Focus`): `stride²`
    /// strided subsamples (`name.s0`, …, parameter-free, kernel 1) placed side by side in
    /// `name`. Output channel block i reads input channel c of sample i, as the real op does;
    /// gradient routing and costs are exact (zero params, zero MACs).
    mutating func spaceToDepth(_ name: String, _ input: ImportedTensor, stride: Int, at location: SourceLocation?) -> ImportedTensor {
        var samples: [ImportedEdge] = []
        for index in 0..<(stride * stride) {
            let sample = passThrough("\(name).s\(index)", .maxPool(Pooling(kernel: 1, stride: AxisPair(stride))), ImportedEdge(input), at: location)
            samples.append(ImportedEdge(sample))
        }
        return concat(name, samples, at: location)
    }

    /// `tensor` repeated over `spatial` (a 1×1 attention vector or implicit tensor meeting a
    /// feature map) as a nearest upsample, or nil when the sizes cannot be reconciled.
    mutating func broadcast(_ tensor: ImportedTensor, to spatial: Spatial, name: String, at location: SourceLocation?) -> ImportedTensor? {
        if tensor.spatial == spatial { return tensor }
        guard tensor.spatial == Spatial(height: 1, width: 1), spatial.height == spatial.width else { return nil }
        return passThrough(name, .upsample(scale: spatial.height), ImportedEdge(tensor), at: location)
    }

    /// Any single node whose output the op's definition determines: its channels are the
    /// inputs' width (pass-throughs, softmax, norms, scale), `channels` for weighted layers, or
    /// the definition's shape rule (matrix products, token ops, transpose). Nil, with the
    /// reason, when the shape rule refuses the operands (the caller reports it at its line).
    mutating func node(
        _ name: String, _ op: Op, _ inputs: [ImportedEdge], channels: Int? = nil, at location: SourceLocation?
    ) -> Result<ImportedTensor, ShapeProblem> {
        let definition = op.definition
        guard let first = inputs.first else { return .failure(ShapeProblem(text: "no input")) }
        if definition.channels == .computed {
            let input = ShapeInput(widths: inputs.map(\.width), spatials: inputs.map(\.tensor.spatial))
            switch definition.shape(of: op, input) {
            case .shape(let width, let spatial)?:
                return .success(declare(name, op: op, channels: width, spatial: spatial ?? first.tensor.spatial, inputs, at: location))
            case .problem(let text)?:
                return .failure(ShapeProblem(text: text))
            case nil:
                return .failure(ShapeProblem(text: "no shape rule"))
            }
        }
        let width = channels ?? inputs.reduce(0) { $0 + $1.width }
        let spatial = definition.outputSpatial(of: op, input: first.tensor.spatial)
        return .success(declare(name, op: op, channels: width, spatial: spatial, inputs, at: location))
    }

    /// Why a shape rule refused a node's operands.
    struct ShapeProblem: Error {
        let text: String
    }

    /// A learned tensor (`channels × spatial` trainable values, no input).
    mutating func learned(_ name: String, channels: Int, spatial: Spatial, at location: SourceLocation?) -> ImportedTensor {
        builder.addNode(name, op: .learned(.dense), channels: channels, spatial: spatial, location: location)
        if declaresBehindBarrier { behindBarrier.insert(name) }
        return ImportedTensor(name: name, channels: channels, spatial: spatial)
    }

    /// Verifies and freezes the graph.
    func build() -> (graph: Graph?, diagnostics: [Diagnostic]) {
        var (graph, diagnostics) = builder.build()
        graph?.sourceKinds = sourceKinds
        return (graph, diagnostics)
    }

    private func crossesBarrier(_ source: String) -> Bool { behindBarrier.contains(source) }

    private mutating func declare(
        _ name: String, op: Op, channels: Int, spatial: Spatial, _ inputs: [ImportedEdge], at location: SourceLocation?
    ) -> ImportedTensor {
        let declared: Int? = (op.isWeighted || op.definition.channels == .placed || op.family == .learned) ? channels : nil
        builder.addNode(name, op: op, channels: declared, location: location)
        if declaresBehindBarrier { behindBarrier.insert(name) }
        for edge in inputs {
            builder.connect(
                edge.tensor.name, to: name, sourceRange: edge.range,
                destinationRange: edge.destinationOffset.map { ChannelRange($0, $0 + edge.width) },
                stopsGradient: crossesBarrier(edge.tensor.name), location: location)
        }
        return ImportedTensor(name: name, channels: channels, spatial: spatial)
    }
}
