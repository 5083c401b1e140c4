/// Everything the IR knows about one kind of op, in one value: how many inputs it takes, how
/// gradient routes through it, how its output shape follows from its inputs, which attribute
/// values are invalid, and what it costs. The verifier, the cost pass, the importers and the
/// runtime's shape plan all ask the definition instead of switching on ``Op`` cases.
///
/// One definition per ``OpKind``, each in its own file under `Ops/`; adding an op is writing
/// one (see `Sources/GPathIR/README.md`). A class, so asking a node's op for its definition in
/// a hot loop hands over one reference instead of copying every rule.
public final class OpDefinition: Sendable {
    /// The kind this defines.
    public let kind: OpKind
    /// The trait group (``Op/family``).
    public let family: OpFamily
    /// How many incoming edges the op takes.
    public let arity: Arity
    /// Where the output width comes from.
    public let channels: ChannelRule
    /// A noun for messages (`convolution`, `max pooling`).
    public let title: String
    /// The report and `.net` spelling of the kind (`conv`, `maxpool`, `bn`); activations and
    /// losses spell each variant by its own name (``name(of:)``).
    public let spelling: String
    /// Representative ops of this kind (every variant for activations and losses), for tests
    /// that must cover every op.
    public let samples: [Op]
    /// The op itself when the kind has no attributes (`identity`, `gap`, `stop_gradient`…), so
    /// a format can spell it by ``spelling`` alone; nil otherwise.
    public let plainOp: Op?
    let nameRule: @Sendable (Op) -> String
    let summaryRule: (@Sendable (Op) -> String)?
    let routingRule: @Sendable (Op) -> GradientRouting
    let spatialRule: @Sendable (Op, Spatial) -> Spatial
    let attributeRule: @Sendable (Op) -> String?
    let windowRule: @Sendable (Op) -> [String]
    let costRule: @Sendable (Op, CostInput) -> OpCost
    let shapeRule: (@Sendable (Op, ShapeInput) -> ShapeOutcome)?

    /// - Parameters:
    ///   - plain: true when the kind has no attributes (its one sample is the op).
    ///   - name: the report and `.net` spelling (`spelling` for every op of the kind by default).
    ///   - summary: the op with its distinguishing attributes, for tables and pictures (the
    ///     name by default).
    ///   - spatial: the output map of an input map (unchanged by default).
    ///   - attributeProblem: why attribute values are unusable, or nil when they are valid.
    ///   - window: notes describing the op's window, for a "shrinks to nothing" error.
    ///   - cost: trainable parameters and MACs (zero by default).
    ///   - shape: for ``ChannelRule/computed`` kinds, the output shape from the operands'.
    init(
        kind: OpKind, family: OpFamily, arity: Arity, channels: ChannelRule, title: String, spelling: String,
        samples: [Op], plain: Bool = false,
        name: (@Sendable (Op) -> String)? = nil,
        summary: (@Sendable (Op) -> String)? = nil,
        routing: @escaping @Sendable (Op) -> GradientRouting,
        spatial: @escaping @Sendable (Op, Spatial) -> Spatial = { _, s in s },
        attributeProblem: @escaping @Sendable (Op) -> String? = { _ in nil },
        window: @escaping @Sendable (Op) -> [String] = { _ in [] },
        cost: @escaping @Sendable (Op, CostInput) -> OpCost = { _, _ in OpCost(params: 0, macs: 0) },
        shape: (@Sendable (Op, ShapeInput) -> ShapeOutcome)? = nil
    ) {
        self.kind = kind
        self.family = family
        self.arity = arity
        self.channels = channels
        self.title = title
        self.spelling = spelling
        self.samples = samples
        self.plainOp = plain ? samples.first : nil
        self.nameRule = name ?? { _ in spelling }
        self.summaryRule = summary
        self.routingRule = routing
        self.spatialRule = spatial
        self.attributeRule = attributeProblem
        self.windowRule = window
        self.costRule = cost
        self.shapeRule = shape
    }

    /// How many incoming edges an op takes.
    public enum Arity: Hashable, Sendable {
        /// None (an input).
        case none
        /// Exactly one.
        case one
        /// One or more.
        case oneOrMore
        /// Exactly two (a matrix product's operands).
        case two
    }

    /// Where an op's output width comes from.
    public enum ChannelRule: Hashable, Sendable {
        /// Declared with the node (inputs, weighted layers); must be positive.
        case declared
        /// Declared or the first edge's extent; every channel covered by some edge (adds).
        case placed
        /// The inputs' widths added up; a declared width, when `checked`, must equal it.
        case sumOfInputs(checked: Bool)
        /// Computed by the kind's shape rule (``shape(of:_:)``) from every operand's shape;
        /// each edge stands alone (no side-by-side input space).
        case computed
    }

    /// The short name shown in reports and spelled in `.net` (`conv`, `maxpool`, `relu`).
    public func name(of op: Op) -> String { nameRule(op) }

    /// The op with its distinguishing attributes, as layer tables and pictures show it
    /// (`conv3x3/2`, `conv1x7`, `conv1x1 g4`, `layer g2`; the name for most ops).
    public func summary(of op: Op) -> String { summaryRule?(op) ?? nameRule(op) }

    /// The spec §2.1 routing rule of `op` (its channel mapping).
    public func routing(of op: Op) -> GradientRouting { routingRule(op) }

    /// The output map of `op` for an input map `input` (not used for inputs, whose size is
    /// declared). May be empty (0 or less on an axis) when the window does not fit.
    public func outputSpatial(of op: Op, input: Spatial) -> Spatial { spatialRule(op, input) }

    /// Why `op`'s attribute values cannot be used (they would divide by zero or shrink to
    /// nothing), or nil when they are valid.
    public func attributeProblem(of op: Op) -> String? { attributeRule(op) }

    /// Notes describing `op`'s window (`kernel 3, stride 2, padding 1`), or none.
    public func windowNotes(of op: Op) -> [String] { windowRule(op) }

    /// Trainable parameters and MACs of a node with `op` and the sizes in `input`.
    public func cost(of op: Op, _ input: CostInput) -> OpCost { costRule(op, input) }

    /// The output shape of a ``ChannelRule/computed`` op from its operands, or why they do not
    /// fit; nil for the other channel rules.
    public func shape(of op: Op, _ input: ShapeInput) -> ShapeOutcome? { shapeRule?(op, input) }
}

/// The operands of a node whose shape its kind computes (``OpDefinition/ChannelRule/computed``).
public struct ShapeInput: Sendable, Hashable {
    /// Each edge's width and its source's map (nil when unknown), in edge order.
    public var operands: [(channels: Int, spatial: Spatial?)] {
        zip(widths, spatials).map { ($0, $1) }
    }
    public var widths: [Int]
    public var spatials: [Spatial?]
    /// The node's declared channels, if any (graph JSON states them when maps are unknown).
    public var declaredChannels: Int?

    public init(widths: [Int], spatials: [Spatial?], declaredChannels: Int? = nil) {
        self.widths = widths
        self.spatials = spatials
        self.declaredChannels = declaredChannels
    }
}

/// What a shape rule decides.
public enum ShapeOutcome: Sendable, Hashable {
    /// The output's channels and map (nil when the inputs' maps are unknown).
    case shape(channels: Int, spatial: Spatial?)
    /// Why the operands do not fit, for the diagnostic (`inner sizes 64 and 49 differ`).
    case problem(String)
}

/// The sizes an op's cost depends on.
public struct CostInput: Sendable, Hashable {
    /// Output channels of the node.
    public var channels: Int
    /// The inputs' widths side by side.
    public var inputWidth: Int
    /// The first input's map, when known.
    public var inputSpatial: Spatial?
    /// The node's output map, when known.
    public var outputSpatial: Spatial?
    /// Each edge's width, in edge order (a matrix product needs its operands apart); empty for
    /// a node of one input (its width is ``inputWidth``).
    public var operandWidths: [Int] = []
    /// Each edge's source map, when known, in edge order; empty for a node of one input (its
    /// map is ``inputSpatial``).
    public var operandSpatials: [Spatial?] = []

    /// The sizes of one node: its output channels, its inputs' total width, and the first
    /// input's and its own maps when known.
    public init(channels: Int, inputWidth: Int, inputSpatial: Spatial?, outputSpatial: Spatial?) {
        self.channels = channels
        self.inputWidth = inputWidth
        self.inputSpatial = inputSpatial
        self.outputSpatial = outputSpatial
    }
}

/// Trainable parameters (weights, biases, norm scale and shift — not running statistics) and
/// multiply-accumulates for batch 1 of one node; nil when unknown.
public struct OpCost: Sendable, Hashable {
    /// Trainable parameters; nil when unknown.
    public var params: Int?
    /// Multiply-accumulates for batch 1; nil when unknown.
    public var macs: Int?
    /// The part of ``macs`` that multiplies two activations (attention's matrix products), as
    /// fvcore counts them; reports label it.
    public var activationMACs: Int

    /// A cost; nil for a figure that cannot be known.
    public init(params: Int?, macs: Int?, activationMACs: Int = 0) {
        self.params = params
        self.macs = macs
        self.activationMACs = activationMACs
    }
}
