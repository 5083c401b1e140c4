import Foundation
import GPathIR

/// A verified ``Graph`` compiled for execution: shapes planned, a kernel per node, parameters
/// allocated and initialised.
///
/// Forward walks `graph.topologicalOrder`; backward walks it in reverse, adding (`+=`) each
/// node's input gradient onto its sources, so fan-out accumulates — the same walk the
/// gradient-path analysis does. The objective is the sum of every loss node.
///
/// A node's edges reach its kernel in one of two ways: assembled into one tensor (their
/// channel slices side by side, or placed and summed for an add) for a ``NodeKernel``, or
/// apart, each slice a standalone tensor, for an ``OperandKernel`` (a matrix product's
/// operands have different maps). Either way backward sends gradient back through the same
/// ``ChannelPlacement`` pieces.
///
/// Not thread-safe (kernels keep their last forward pass); it parallelises internally over
/// ``workers``.
public final class Network {
    public let graph: Graph
    /// Output shapes with batch 1.
    public let plan: ShapePlan
    public let parameters: ParameterStore
    let compiled: [CompiledNode]
    /// Per node: the input pieces (edge slices and where they land).
    let pieces: [[ChannelPlacement.Piece]]
    /// Per node: whether a gradient arriving at its output can reach a parameter's gradient
    /// (it has parameters, or some edge without stop-gradient reads a node that does).
    let requiresGradient: [Bool]
    let workspace = Workspace()
    var outputs: [Tensor?]
    /// Loss values of the last forward pass, in declaration order.
    public private(set) var losses: [LossValue] = []
    /// When set, forward and backward add each node's wall-clock seconds here, keyed by
    /// `forward conv`, `backward bn`, … (placement work as `forward assemble` and
    /// `backward distribute`), for benchmarks.
    public var timings: [String: Double]?
    /// Worker threads for convolutions (chunks of samples) and element-wise passes. Results
    /// are identical for a given worker count. With more than one worker, run OpenBLAS on one
    /// thread (`BLAS.setThreads(1)`): the workers' GEMMs then run side by side.
    public var workers = 1
    private var lastMode = ExecutionMode.training
    private var lastSeed: UInt64 = 0

    /// Compiles `graph`. Inputs without a declared spatial size take `inputSpatial`; a declared
    /// size different from `inputSpatial` is an error. Parameters are initialised by
    /// `initialization`.
    public init(graph: Graph, inputSpatial: Spatial? = nil, initialization: Initialization = Initialization()) throws {
        self.graph = graph
        self.plan = try ShapePlan(graph: graph, defaultSpatial: inputSpatial)
        let store = ParameterStore()
        let inputIndex = Dictionary(uniqueKeysWithValues: graph.inputs.enumerated().map { ($1.id, $0) })
        var compiled: [CompiledNode] = []
        var pieces: [[ChannelPlacement.Piece]] = []
        for node in graph.nodes {
            compiled.append(try KernelRegistry.compile(node, plan: plan, inputIndex: inputIndex[node.id] ?? 0, store: store))
            pieces.append(zip(node.inputs, node.inputOffsets).map { ChannelPlacement.Piece(range: $0.sourceRange, offset: $1) })
        }
        var requires = [Bool](repeating: false, count: graph.nodes.count)
        let owners = Set(store.parameters.map(\.node))
        for id in graph.topologicalOrder {
            let node = graph[id]
            if node.op.routing == .stop { continue }
            requires[id.index] = owners.contains(id) || node.inputs.contains { !$0.stopsGradient && requires[$0.source.index] }
        }
        self.parameters = store
        self.compiled = compiled
        self.pieces = pieces
        self.requiresGradient = requires
        self.outputs = [Tensor?](repeating: nil, count: graph.nodes.count)
        initialization.apply(to: self)
    }

    /// True when backward must compute ∂(assembled input) of `node` (some edge carries
    /// gradient to a node that needs it).
    func needsInputGradient(_ node: Node) -> Bool {
        node.inputs.contains(where: carriesGradient)
    }

    /// True when gradient must flow back along `edge`.
    func carriesGradient(_ edge: Edge) -> Bool {
        !edge.stopsGradient && requiresGradient[edge.source.index]
    }

    /// The per-sample shape of network input `k` (in `graph.inputs` order).
    public func inputShape(_ k: Int) -> TensorShape { plan.shapes[graph.inputs[k].id.index] }

    /// The output of `node` in the last forward pass.
    public func output(of node: NodeID) -> Tensor? { outputs[node.index] }

    /// Running batch-norm statistics of every norm, by node name (for checkpoints and tests).
    public var runningStatistics: [String: BatchNormalization.RunningStatistics] {
        var result: [String: BatchNormalization.RunningStatistics] = [:]
        for (index, item) in compiled.enumerated() {
            guard case .kernel(let kernel) = item else { continue }
            if let k = kernel as? WeightedKernel, k.norm != nil { result[graph.nodes[index].name] = k.running }
            if let k = kernel as? NormalizationKernel { result[graph.nodes[index].name] = k.running }
        }
        return result
    }

    /// Forward pass over a batch: `inputs` in `graph.inputs` order (equal batch sizes, the
    /// planned per-sample shapes), one label per sample. Returns every loss node's value.
    @discardableResult
    public func forward(_ inputs: [Tensor], labels: [Int], mode: ExecutionMode, randomSeed: UInt64 = 0) throws -> [LossValue] {
        try validate(inputs, labels: labels)
        lastMode = mode
        lastSeed = randomSeed
        let context = KernelContext(mode: mode, parameters: parameters, workspace: workspace, randomSeed: randomSeed, parallelism: Parallelism(workers: workers))
        var values: [Int: LossValue] = [:]
        for index in outputs.indices { outputs[index] = nil }
        for id in graph.topologicalOrder {
            let node = graph[id]
            switch compiled[id.index] {
            case .input(let k):
                outputs[id.index] = inputs[k]
            case .kernel(let kernel):
                let x = timed("forward assemble") { assemble(node) }
                outputs[id.index] = timed("forward " + node.op.kindName) { kernel.forward(x, context: context) }
            case .operands(let kernel):
                let xs = timed("forward assemble") { operands(of: node) }
                outputs[id.index] = timed("forward " + node.op.kindName) { kernel.forward(xs, batch: labels.count, context: context) }
            case .loss(let loss):
                let x = assemble(node)
                values[id.index] = try loss.evaluate(x, labels: labels)
                outputs[id.index] = x
            }
        }
        losses = graph.losses.compactMap { values[$0.id.index] }
        return losses
    }

    /// Σ of the last forward pass's losses.
    public var totalLoss: Double { losses.reduce(0) { $0 + $1.value } }

    /// Backward pass for the last forward pass: zeroes every parameter gradient, then fills
    /// them with ∂(Σ losses)/∂parameter. Layers no gradient reaches keep exactly zero.
    public func backward() {
        parameters.zeroGradients()
        let context = KernelContext(mode: lastMode, parameters: parameters, workspace: workspace, randomSeed: lastSeed, parallelism: Parallelism(workers: workers))
        var gradients = [Tensor?](repeating: nil, count: graph.nodes.count)
        for id in graph.topologicalOrder.reversed() {
            let node = graph[id]
            let needsInput = needsInputGradient(node)
            var inputGradient: Tensor?
            switch compiled[id.index] {
            case .input:
                continue
            case .loss(let loss):
                guard needsInput else { continue }
                inputGradient = loss.gradient()
            case .kernel(let kernel):
                guard let dy = gradients[id.index] else { continue }
                gradients[id.index] = nil
                inputGradient = timed("backward " + node.op.kindName) {
                    kernel.backward(dy, needsInputGradient: needsInput, context: context)
                }
            case .operands(let kernel):
                guard let dy = gradients[id.index] else { continue }
                gradients[id.index] = nil
                let edgeGradients = timed("backward " + node.op.kindName) {
                    kernel.backward(dy, needsGradients: node.inputs.map(carriesGradient), context: context)
                }
                timed("backward distribute") {
                    for (k, dx) in edgeGradients.enumerated() {
                        guard let dx, carriesGradient(node.inputs[k]) else { continue }
                        send(dx, along: node.inputs[k], piece: pieces[id.index][k], into: &gradients)
                    }
                }
                continue
            }
            guard needsInput, let dx = inputGradient else { continue }
            timed("backward distribute") { distribute(dx, of: node, into: &gradients) }
        }
    }

    private func timed<T>(_ key: @autoclosure () -> String, _ body: () throws -> T) rethrows -> T {
        guard timings != nil else { return try body() }
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try body()
        timings?[key(), default: 0] += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return result
    }

    /// Sends ∂(assembled input) back along every edge without stop-gradient, `+=` onto the
    /// source's gradient.
    private func distribute(_ dx: Tensor, of node: Node, into gradients: inout [Tensor?]) {
        for (edge, piece) in zip(node.inputs, pieces[node.id.index]) where carriesGradient(edge) {
            send(dx, along: edge, piece: piece, into: &gradients)
        }
    }

    /// Adds the channels `piece` took from `dx` onto the edge's source channels.
    private func send(_ dx: Tensor, along edge: Edge, piece: ChannelPlacement.Piece, into gradients: inout [Tensor?]) {
        let source = edge.source.index
        let sourceShape = plan.shapes[source]
        if piece.offset == 0, piece.range.lower == 0, piece.range.width == sourceShape.channels,
           dx.shape.channels == sourceShape.channels {
            if gradients[source] == nil { gradients[source] = dx } else { gradients[source]!.add(dx) }
            return
        }
        if gradients[source] == nil {
            gradients[source] = Tensor(zeros: TensorShape(batch: dx.shape.batch, channels: sourceShape.channels, height: sourceShape.height, width: sourceShape.width))
        }
        ChannelPlacement.backward(outputGradient: dx, piece: piece, into: &gradients[source]!)
    }

    /// The node's edges apart: each edge's channel slice of its source as a standalone tensor
    /// (the source itself, without a copy, when the edge carries all of it).
    private func operands(of node: Node) -> [Tensor] {
        zip(node.inputs, pieces[node.id.index]).map { edge, piece in
            let source = outputs[edge.source.index]!
            if piece.range.lower == 0, piece.range.width == source.shape.channels { return source }
            return ChannelPlacement.forward([source], pieces: [ChannelPlacement.Piece(range: piece.range, offset: 0)], channels: piece.range.width)
        }
    }

    /// The node's input: its edges' slices side by side, or placed and summed for an add. A
    /// single edge carrying its whole source is passed through without a copy.
    private func assemble(_ node: Node) -> Tensor {
        let nodePieces = pieces[node.id.index]
        let width = node.op.definition.channels == .placed ? node.channels : node.inputWidth
        if nodePieces.count == 1, let piece = nodePieces.first, let source = outputs[node.inputs[0].source.index],
           piece.offset == 0, piece.range.lower == 0, piece.range.width == source.shape.channels, width == source.shape.channels {
            return source
        }
        let sources = node.inputs.map { outputs[$0.source.index]! }
        return ChannelPlacement.forward(sources, pieces: nodePieces, channels: width)
    }

    private func validate(_ inputs: [Tensor], labels: [Int]) throws {
        let declared = graph.inputs
        guard inputs.count == declared.count else {
            throw RuntimeError.badBatch(message: "the network has \(declared.count) inputs but \(inputs.count) tensors were given")
        }
        let batch = inputs.first?.shape.batch ?? 0
        guard batch > 0 else { throw RuntimeError.badBatch(message: "the batch is empty") }
        guard labels.count == batch else {
            throw RuntimeError.badBatch(message: "the batch has \(batch) samples but \(labels.count) labels")
        }
        for (k, (node, tensor)) in zip(declared, inputs).enumerated() {
            let expected = inputShape(k)
            let got = tensor.shape
            guard got.batch == batch, got.channels == expected.channels, got.height == expected.height, got.width == expected.width else {
                throw RuntimeError.shape(node: node.name, message: "expects \(expected.channels)x\(expected.height)x\(expected.width) per sample but the batch is \(got)")
            }
        }
    }
}
