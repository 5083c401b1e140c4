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
    /// The product of two feature maps (attention's Q·Kᵀ and A·V), parameter-free: each map is
    /// a matrix of positions × channels. See ``MatrixProduct``.
    case matmul(MatrixProduct)
    /// Softmax over the channels (every output channel depends on every input channel) or over
    /// the positions of each channel.
    case softmax(SoftmaxAxis)
    /// Layer norm over the channels at each position; its scale and shift are trainable, but
    /// it is not a step on a gradient path.
    case layerNorm
    /// Group norm: normalised over each group's channels and all positions; trainable scale
    /// and shift, not a path step.
    case groupNorm(groups: Int)
    /// Channels and positions swapped: a C×H×W map becomes an (H·W)×C×1 map.
    case transpose
    /// Positions regrouped to another height × width of the same area; channels kept.
    case reshape(Spatial)
    /// Inputs of one width joined along the positions (heights added, widths equal): a class
    /// token put before the patch tokens.
    case tokenConcat
    /// Positions `lower..<upper` of the flattened map (row-major), as an (upper−lower)×1 map.
    case tokenSlice(lower: Int, upper: Int)
    /// A learned tensor (class token, positional embedding, YOLOR's implicit knowledge): no
    /// input, declared channels and map; gradient ends here. See ``LearnedTable``.
    case learned(LearnedTable)
    /// A learned per-channel scale (layer scale, YOLOR's ImplicitM): trainable, not a path step.
    case scale
}

/// Where a learned tensor's values come from.
///
/// ``dense``: every value is its own trainable parameter (a class token, a positional
/// embedding). `entries: n`: the values are gathered from a table of n trainable entries,
/// each used at several places — Swin's relative-position bias, a (2w−1)²×heads table spread
/// over every (query, key) pair of a w×w window. The gathering index is data the IR does not
/// hold; the runtime reads value i from entry i mod n.
public struct LearnedTable: Hashable, Sendable {
    /// Trainable entries the values are gathered from; nil when every value is trainable.
    public var entries: Int?

    public init(entries: Int? = nil) { self.entries = entries }

    /// Every value trainable.
    public static let dense = LearnedTable()
}

/// A matrix product of two feature maps, each read as a matrix of positions × channels.
///
/// `a·b`: a is P×K (K channels), b is K×N (K positions, N channels); the output has b's N
/// channels on a's P positions. Output channel n depends on every channel of a and on channel
/// n of b only. `a·bᵀ` (``transposesSecond``): b is M×K, the output has b's M positions as
/// channels; every output channel depends on every channel of both.
///
/// ``samplesSecond`` (deformable attention): each position of a chooses, with its K channels,
/// weights and offsets at which b is sampled; the output has b's channels on a's positions and
/// routes like `a·b` (every channel of a, channel n of b), with no constraint between a's
/// channels and b's positions. The runtime samples b at K evenly spaced positions (offsets
/// are data the IR does not hold).
public struct MatrixProduct: Hashable, Sendable {
    /// Multiplies by the second operand transposed (`q·kᵀ`).
    public var transposesSecond: Bool
    /// Multiplies the product by 1/√K (scaled dot-product attention).
    public var scaled: Bool
    /// Samples the second operand where the first chooses (deformable attention).
    public var samplesSecond: Bool

    public init(transposesSecond: Bool = false, scaled: Bool = false, samplesSecond: Bool = false) {
        self.transposesSecond = transposesSecond
        self.scaled = scaled
        self.samplesSecond = samplesSecond
    }
}

/// The axis a softmax normalises over.
public enum SoftmaxAxis: String, Hashable, Sendable, CaseIterable {
    /// Across the channels at each position (attention scores, whose channels are the keys).
    case channels
    /// Across the positions of each channel.
    case positions
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
    /// A parameter-free node that mixes channels (see ``Mixing``): gradient of an output
    /// channel goes on, in the same round, to every input channel it depends on.
    case mix(Mixing)
}

/// Which input channels an output channel of a mixing node depends on.
///
/// Output and input channels are split into ``groups`` equal groups; an output channel depends
/// on every channel of its group on each edge, except on the ``exactEdges``, where output
/// channel c depends on that edge's channel c alone. `groups == 1`: every output channel
/// depends on every input channel (layer norm, a softmax over channels, a transpose).
public struct Mixing: Hashable, Sendable {
    public var groups: Int
    /// Edge indexes routed channel to channel (the second operand of `a·b`).
    public var exactEdges: [Int]

    public init(groups: Int = 1, exactEdges: [Int] = []) {
        self.groups = groups
        self.exactEdges = exactEdges
    }
}

/// Named trait groups of ops.
public enum OpFamily: String, Hashable, Sendable, CaseIterable {
    case source
    case weighted
    case merge
    case passThrough = "pass-through"
    case barrier
    case objective
    /// Parameter-free ops whose output channels depend on many input channels (matmul,
    /// softmax over channels, layer and group norm, transpose).
    case mixing
    /// Learned tensors (``Op/learned``): sources of values, not network inputs.
    case learned
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
