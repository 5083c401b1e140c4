/// The closed set of operations a node can perform — the one place where op semantics live.
///
/// Passes ask the trait properties (``isWeighted``, ``routing``, ``family``) instead of
/// listing cases; each property comes from the op's one ``OpDefinition`` (see ``OpKind``), and
/// the op-table test checks every kind has a consistent one.
public enum Op: Hashable, Sendable {
    /// A network input; gradient that reaches it ends there.
    case input
    /// A 2-D convolution with folded norm/activation: a weighted layer.
    case convolution(Convolution)
    /// A fully connected layer: a weighted layer.
    case linear(Linear)
    /// A weighted layer known only by its channel grouping (graph JSON's `layer`).
    case layer(groups: Int)
    /// Output channel o is the sum of every incoming edge covering o (residual, masked and
    /// asymmetric adds).
    case add
    /// Incoming edges side by side, in edge order.
    case concat
    /// One input, channels passed through one-to-one (activation, norm, pooling, slice…).
    case passThrough(PassThrough)
    /// Identity forward; nothing goes back.
    case stopGradient
    /// A loss reading its (implicitly concatenated) inputs: the origin of all gradient.
    case loss(LossKind)
}

/// Parameter-free, channel-preserving single-input operations.
public enum PassThrough: Hashable, Sendable {
    case identity
    case activation(Activation)
    /// A separate normalisation node (batch norm): scale and shift are trainable, but it does
    /// not count as a step on a gradient path.
    case normalization
    case maxPool(Pooling)
    case averagePool(Pooling)
    case globalAveragePool
    case globalMaxPool
    case upsample(scale: Int)
    /// Takes `src_slice` of its input and nothing else.
    case slice
    case dropout
}

/// What a loss node computes (informative for analysis, used by the runtime).
public enum LossKind: String, Hashable, Sendable, CaseIterable {
    case generic = "loss"
    case crossEntropy = "cross_entropy"
    case meanSquaredError = "mse"
}

/// How the gradient of one output channel goes back through a node (spec §2.1).
public enum GradientRouting: Hashable, Sendable {
    /// Loss: emits all gradient at round 0.
    case origin
    /// Input: gradient ends here.
    case sink
    /// Weighted layer: arrives here; re-emitted one round later to every input channel of the
    /// group owning the output channel.
    case weighted(groups: Int)
    /// Add: copied unchanged to every incoming edge covering the channel.
    case copy
    /// Concat: routed to the single incoming edge owning the channel.
    case divide
    /// One input, routed to the matching channel.
    case pass
    /// Nothing goes back.
    case stop
}

/// Named trait groups of ops.
public enum OpFamily: String, Hashable, Sendable, CaseIterable {
    case source
    case weighted
    case merge
    case passThrough = "pass-through"
    case barrier
    case objective
}

extension Op {
    /// True for ops with trainable weights: the steps a gradient path counts.
    public var isWeighted: Bool {
        if case .weighted = routing { return true }
        return false
    }

    /// The spec §2.1 routing rule (from the op's ``OpDefinition``).
    public var routing: GradientRouting { definition.routing(of: self) }

    /// The trait group (from the op's ``OpDefinition``).
    public var family: OpFamily { definition.family }

    /// Channel groups of a weighted layer (1 for everything else).
    public var groups: Int {
        if case .weighted(let groups) = routing { return groups }
        return 1
    }

    /// The short name shown in reports (`conv`, `add`, `maxpool`…), from the op's
    /// ``OpDefinition``.
    public var kindName: String { definition.name(of: self) }
}

extension PassThrough {
    /// The short name shown in reports.
    public var kindName: String { Op.passThrough(self).kindName }
}
