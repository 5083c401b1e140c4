import GPathIR

/// One op kind at run time: how a node of that kind compiles into a kernel, and what the
/// kernel's finite-difference check must respect. Each is defined beside its kernel's forward
/// and backward, in the op's file under `Ops/`; ``OpKind/kernel`` is the registry.
struct OpKernel: Sendable {
    let kind: OpKind
    let compile: @Sendable (KernelRequest) throws -> CompiledNode
    let gradientCheck: GradientCheckPlan
}

/// A compiled node.
enum CompiledNode {
    /// The k-th network input (in `graph.inputs` order).
    case input(Int)
    /// A kernel reading the node's edges assembled into one tensor.
    case kernel(NodeKernel)
    /// A kernel reading each edge as its own tensor.
    case operands(OperandKernel)
    case loss(LossKernel)
}

/// What an op kernel's finite-difference check does (the op-table test runs it for every
/// sample op of every kind).
enum GradientCheckPlan: Sendable {
    /// Gradient ends here (an input): nothing to check.
    case none
    /// Backward sends nothing (a stop-gradient): checked to be nil.
    case blocked
    /// Backward equals central finite differences for the input and every parameter, at
    /// inputs at least 0.05 from every value in `kinks(op)` (where the forward is not
    /// differentiable) and, when `distinct`, pairwise 0.05 apart (ties are kinks of a max).
    case finiteDifferences(kinks: @Sendable (Op) -> [Float], distinct: Bool)

    /// A smooth op: any input will do.
    static let smooth = GradientCheckPlan.finiteDifferences(kinks: { _ in [] }, distinct: false)
}

/// Everything compiling one node needs: the node, its assembled input's shape, each edge's
/// shape on its own, and the store its parameters are added to.
struct KernelRequest {
    let node: Node
    let inputShape: TensorShape
    /// Per edge, its channels on its source's map (batch 1): what an ``OperandKernel`` reads.
    let operandShapes: [TensorShape]
    /// The node's position among `graph.inputs` (inputs only).
    let inputIndex: Int
    let store: ParameterStore

    var channels: Int { node.channels }

    /// The error for a configuration the runtime cannot execute, naming the node and op.
    func reject(_ reason: String) -> RuntimeError {
        RuntimeError.unsupportedOp(node: node.name, op: node.op.kindName, reason: reason)
    }

    /// Adds a norm's scale (ones) and shift (zeros) for every output channel.
    func norm(fanIn: Int = 1) -> (scale: Int, shift: Int) {
        let scale = store.add(Parameter(name: node.name + ".scale", node: node.id, role: .scale, fanIn: fanIn, value: [Float](repeating: 1, count: channels)))
        let shift = store.add(Parameter(name: node.name + ".shift", node: node.id, role: .shift, fanIn: fanIn, value: [Float](repeating: 0, count: channels)))
        return (scale, shift)
    }
}

/// The registry: compiles every node through its kind's ``OpKernel``.
enum KernelRegistry {
    static func compile(_ node: Node, plan: ShapePlan, inputIndex: Int, store: ParameterStore) throws -> CompiledNode {
        let request = KernelRequest(
            node: node, inputShape: plan.inputShape(of: node), operandShapes: plan.operandShapes(of: node),
            inputIndex: inputIndex, store: store)
        return try node.op.kind.kernel.compile(request)
    }
}

extension OpKind {
    /// The kind's runtime kernel (exhaustive: a new kind does not compile until it has one).
    var kernel: OpKernel {
        switch self {
        case .input: .input
        case .convolution: .convolution
        case .linear: .linear
        case .layer: .layer
        case .add: .add
        case .concat: .concat
        case .identity: .identity
        case .activation: .activation
        case .normalization: .normalization
        case .maxPool: .maxPool
        case .averagePool: .averagePool
        case .globalAveragePool: .globalAveragePool
        case .globalMaxPool: .globalMaxPool
        case .upsample: .upsample
        case .slice: .slice
        case .dropout: .dropout
        case .stopGradient: .stopGradient
        case .loss: .loss
        case .matmul: .matmul
        case .softmax: .softmax
        case .layerNorm: .layerNorm
        case .groupNorm: .groupNorm
        case .transpose: .transpose
        case .reshape: .reshape
        case .tokenConcat: .tokenConcat
        case .tokenSlice: .tokenSlice
        case .learned: .learned
        case .scale: .scale
        }
    }
}
