import GPathDiagnostics
import GPathIR

/// Lowers a decoded ONNX graph to ``GraphBuilder`` calls, node by node in topological order,
/// with its own shape inference over the supported op set (real exports often lack
/// `value_info`).
///
/// Nodes are first *planned* — kept in `planned` where a later node may still fold into them
/// (Conv ← BatchNormalization ← activation, MatMul ← bias Add) — and emitted into the builder
/// at the end. Every tensor is an ``ONNXValue``; a feature map records which of its axes are
/// channels and which positions (``ONNXDataValue``), so transposes and reshapes need no node.
/// Each op's rules live in a `ONNXLowering+Concern.swift` extension; see `docs/onnx.md` for
/// the table of what each op becomes.
struct ONNXLowering {
    /// A node as planned; `channels` and `spatial` as ``GraphBuilder/addNode`` takes them.
    struct PlannedNode {
        var name: String
        var op: Op
        var channels: Int?
        /// The IR map, inferred at planning time from the op's definition.
        var spatial: Spatial?
        var inputs: [PlannedEdge] = []
        /// The ONNX tensor this node's output is (for folding decisions).
        var tensor: String?
    }

    struct PlannedEdge {
        var segment: ONNXSegment
        /// Where the edge lands in an add's output.
        var destinationOffset: Int?
    }

    let model: ONNXModel
    let file: String
    let requestedLosses: [String]?
    let treatUnknownAsIdentity: Bool
    var collector = DiagnosticCollector()
    var values: [String: ONNXValue] = [:]
    var planned: [PlannedNode] = []
    var usedNames = Set<String>()
    /// Unique layer name of each ONNX node (its name, or `<op_type>_<index>`).
    var nodeNames: [String] = []
    /// How many node inputs (and losses) read each tensor.
    var consumerCount: [String: Int] = [:]
    /// Graph inputs that are data (not initializers), created as input nodes on first use.
    var pendingInputs: [String: [Int?]?] = [:]
    /// Nodes absorbed into a pattern (SiLU's Sigmoid, GELU's Erf, a written-out LayerNorm's
    /// ReduceMean…), lowered by the node that completes it.
    var absorbed = Set<Int>()
    /// Nodes lowered as identity under `--treat-unknown-as identity`.
    var identityNodes = Set<Int>()
    /// The tensors losses read (see ``lossTensors()``), computed once.
    var lossNames: [String] = []
    /// Nodes absorbed into a GELU or LayerNorm pattern, by the node that completes it.
    var patterns: [Int: ONNXPattern] = [:]
    /// Tensors from which some weighted node can be reached (see ``findPatterns()``).
    var feedsWeightedLayer = Set<String>()
    /// Tensors computable from initializers and constants alone (Shape outputs included).
    var constantTensors = Set<String>()
    /// The node writing each tensor (see ``findPatterns()``).
    var producers: [String: Int] = [:]
    /// Nodes imported approximately, by kind of approximation (reported as W232).
    var approximations: [ONNXApproximation: [String]] = [:]
    /// Position re-basings already made, by source node and position signature.
    var rebasedNodes: [String: Int] = [:]
    /// Token slices already made, by source node and position range.
    var tokenSlices: [String: Int] = [:]
    /// Learned tensors already made, by constant tensor name and shape.
    var learnedNodes: [String: Int] = [:]
    /// Names of planned nodes.
    var claimedNames = Set<String>()

    var location: SourceLocation { SourceLocation(file: file) }
    var graph: ONNXGraphProto { model.graph }

    init(model: ONNXModel, file: String, losses: [String]?, treatUnknownAsIdentity: Bool) {
        self.model = model
        self.file = file
        self.requestedLosses = losses
        self.treatUnknownAsIdentity = treatUnknownAsIdentity
    }

    /// Runs every step; returns the builder when no error was found on the way.
    mutating func run(name: String) -> GraphBuilder? {
        registerInitializersAndInputs()
        lossNames = lossTensors()
        findPatterns()
        guard checkOperators() else { return nil }
        guard let order = topologicalOrder() else { return nil }
        nameNodes()
        countConsumers()
        for position in order where !absorbed.contains(position) {
            lower(position)
        }
        addLosses()
        reportApproximations()
        guard !collector.hasErrors else { return nil }
        return emit(name: name)
    }

    // MARK: - Registration

    private mutating func registerInitializersAndInputs() {
        for (position, tensor) in graph.initializer.enumerated() {
            // A dim outside 0…2^30 is refused here (E217) and the weight's shape left unknown,
            // so no shape arithmetic ever sees it.
            let dims: [Int]? = tensor.dims.allSatisfy({ $0 >= 0 && $0 <= Int64(Limits.maximumExtent) })
                ? tensor.dims.map { Int($0) } : nil
            if dims == nil {
                report(Diagnostic(
                    .sizeLimit, "initializer `\(tensor.name)` has dims \(tensor.dims), outside 0…\(Limits.extentDescription)",
                    at: SourceLocation(file: file), notes: ["gpath's size limits are listed in docs/reliability.md"]))
            }
            var constant = ONNXConstant(
                dims: dims, origin: .initializer(position: position),
                isInteger: Self.integerTypes.contains(Int(tensor.dataType)), fromInitializer: true)
            constant.initializer = tensor.name
            values[tensor.name] = .constant(constant)
        }
        // IR < 4 lists every initializer as a graph input too: those are weights, not data.
        for input in graph.input where values[input.name] == nil {
            if case .tensorType(let tensor)? = input.type.value, tensor.hasShape {
                let dims = tensor.shape.dim.map { dimension -> Int64? in
                    if case .dimValue(let value)? = dimension.value, value > 0 { return value }
                    return nil
                }
                if let large = dims.compactMap({ $0 }).first(where: { $0 > Int64(Limits.maximumExtent) }) {
                    report(Diagnostic(
                        .sizeLimit, "graph input `\(input.name)` has a dim of \(large), beyond gpath's limit of \(Limits.extentDescription)",
                        at: SourceLocation(file: file), notes: ["gpath's size limits are listed in docs/reliability.md"]))
                }
                // Beyond the limit a dim is treated as symbolic: the error above stops the load.
                pendingInputs[input.name] = .some(dims.map { $0.flatMap { $0 <= Int64(Limits.maximumExtent) ? Int($0) : nil } })
            } else {
                pendingInputs[input.name] = .some(nil)
            }
        }
    }

    private mutating func nameNodes() {
        for (position, node) in graph.node.enumerated() {
            var name = node.name.isEmpty ? "\(node.opType)_\(position)" : node.name
            if usedNames.contains(name) { name = "\(name)_\(position)" }
            while usedNames.contains(name) { name += "_" }
            usedNames.insert(name)
            nodeNames.append(name)
        }
    }

    private mutating func countConsumers() {
        for (position, node) in graph.node.enumerated() where !absorbed.contains(position) {
            for input in node.input where !input.isEmpty { consumerCount[input, default: 0] += 1 }
        }
        for loss in lossNames { consumerCount[loss, default: 0] += 1 }
    }

    // MARK: - Values

    /// The value of `tensor`, creating the input node of a graph input on first use.
    mutating func value(_ tensor: String) -> ONNXValue? {
        if let value = values[tensor] { return value }
        guard let shape = pendingInputs[tensor] else { return nil }
        pendingInputs[tensor] = nil
        guard let shape, shape.count == 4 || shape.count == 2, let channels = shape[1] else {
            let described = shape.map { "[\($0.map { $0.map(String.init) ?? "?" }.joined(separator: ", "))]" } ?? "unknown"
            report(Diagnostic(
                .channelMismatch, "graph input `\(tensor)` has shape \(described); gpath needs NCHW (or NC) with a known channel count",
                at: location, helps: ["export with a fixed input shape, e.g. `torch.onnx.export(model, torch.randn(1, 3, 224, 224), ...)`"]))
            values[tensor] = .failed
            return .failed
        }
        var spatial: Spatial? = shape.count == 2 ? Spatial(height: 1, width: 1) : nil
        if shape.count == 4, let h = shape[2], let w = shape[3] { spatial = Spatial(height: h, width: w) }
        let index = plan(PlannedNode(name: uniqueName(tensor), op: .input, channels: channels, spatial: spatial, tensor: tensor))
        let value = ONNXValue.data(ONNXDataValue(
            segments: [ONNXSegment(node: index, range: ChannelRange(0, channels))], shape: shape))
        values[tensor] = value
        return value
    }

    /// Adds a planned node, inferring its channels and map when it has inputs, and returns its
    /// index.
    mutating func plan(_ node: PlannedNode) -> Int {
        var node = node
        if !node.inputs.isEmpty {
            let (channels, map) = inferredShape(node)
            node.spatial = map
            if node.channels == nil { node.channels = channels }
        }
        claimedNames.insert(node.name)
        planned.append(node)
        return planned.count - 1
    }

    /// The name of ONNX node `position` for a node it makes, suffixed only when a node of that
    /// name was already planned.
    mutating func claimName(_ position: Int, suffix: String = "") -> String {
        let base = nodeNames[position] + suffix
        return suffix.isEmpty && !claimedNames.contains(base) ? base : uniqueName(base)
    }

    /// The channels and map of a planned node from its op's definition and its inputs (the
    /// verifier's rules, applied while planning so later ops can see them).
    func inferredShape(_ node: PlannedNode) -> (channels: Int?, map: Spatial?) {
        let definition = node.op.definition
        let maps = node.inputs.map { planned[$0.segment.node].spatial }
        let widths = node.inputs.map(\.segment.range.width)
        switch definition.channels {
        case .computed:
            let input = ShapeInput(widths: widths, spatials: maps, declaredChannels: node.channels)
            if case .shape(let channels, let map)? = definition.shape(of: node.op, input) { return (channels, map) }
            return (node.channels, nil)
        case .placed:
            let width = node.inputs.map { ($0.destinationOffset ?? 0) + $0.segment.range.width }.max()
            return (node.channels ?? width, maps.first ?? nil)
        case .sumOfInputs:
            return (widths.reduce(0, +), (maps.first ?? nil).map { definition.outputSpatial(of: node.op, input: $0) })
        case .declared:
            return (node.channels, (maps.first ?? nil).map { definition.outputSpatial(of: node.op, input: $0) })
        }
    }

    /// `base` if no node uses it yet, else `base_2`, `base_3`…
    mutating func uniqueName(_ base: String) -> String {
        var name = base
        var counter = 2
        while usedNames.contains(name) {
            name = "\(base)_\(counter)"
            counter += 1
        }
        usedNames.insert(name)
        return name
    }

    /// Channels of planned node `index`, as far as planning knows them.
    func plannedWidth(_ index: Int) -> Int? { planned[index].channels }

    // MARK: - Diagnostics

    mutating func report(_ diagnostic: Diagnostic) { collector.report(diagnostic) }

    /// Reports a problem with node `position`, naming it and its op type in the message.
    mutating func fail(
        _ position: Int, _ message: String, code: DiagnosticCode = .unsupportedOperator,
        notes: [String] = [], helps: [String] = []
    ) {
        let node = graph.node[position]
        report(Diagnostic(
            code, "`\(nodeNames[position])` (node \(position), \(node.qualifiedOpType)): \(message)",
            at: location, notes: notes, helps: helps))
        for output in node.output where !output.isEmpty { values[output] = .failed }
    }

    // MARK: - Emission

    private func emit(name: String) -> GraphBuilder {
        var builder = GraphBuilder(name: name)
        for node in planned {
            let declaresMap = node.op == .input || node.op.family == .learned
            builder.addNode(node.name, op: node.op, channels: node.channels, spatial: declaresMap ? node.spatial : nil)
        }
        for node in planned {
            for edge in node.inputs {
                let source = planned[edge.segment.node].name
                let range = edge.segment.range
                builder.connect(
                    source, to: node.name, sourceRange: range,
                    destinationRange: edge.destinationOffset.map { ChannelRange($0, $0 + range.width) })
            }
        }
        return builder
    }
}
