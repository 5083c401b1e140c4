import GPathDiagnostics
import GPathIR

/// Softmax and LayerNorm: parameter-free mixing of channels (LayerNorm's scale and shift are
/// parameters, not a path step).
extension ONNXLowering {
    /// LayerNormalization over axes `axis…` (default −1), which must be exactly the channels.
    mutating func lowerLayerNorm(_ position: Int) {
        let node = graph.node[position]
        guard let input = dataInput(position) else { return }
        let axis = node.int("axis", default: -1)
        guard let first = normalized(axis, rank: input.rank) else {
            return fail(position, "axis \(axis) is outside a rank-\(input.rank) tensor", code: .invalidValue)
        }
        planLayerNorm(position, input: input, axes: Array(first..<input.rank))
    }

    /// A `layernorm` node over `axes` of `input`: every output channel depends on every input
    /// channel at the same position, 2 params per channel.
    mutating func planLayerNorm(_ position: Int, input: ONNXDataValue, axes: [Int]) {
        let normalizedAxes = Set(axes.compactMap { normalized($0, rank: input.rank) })
        let channelAxes = Set(input.factors(.channel).map(\.axis))
        guard normalizedAxes.allSatisfy({ input.roles(of: $0).isSubset(of: [.channel]) }), channelAxes.isSubset(of: normalizedAxes) else {
            return fail(position, "normalises axes \(normalizedAxes.sorted()) of a \(ONNXShapes.describe(input.shape)) tensor, which are not exactly its channels",
                        notes: ["gpath lowers a layer norm over the channels: the last axis of tokens or of a channels-last map"])
        }
        planNode(position, op: .layerNorm, channels: input.width, edges: [PlannedEdge(segment: single(input.segments, position))],
                 shape: input.shape, layout: input)
    }

    /// Softmax (and LogSoftmax) over `axis` (every axis from `axis` on before opset 13). Over
    /// channels: a `softmax` node per group of channels normalised together (per attention head,
    /// per box side of ultralytics' DFL) and per block. Over all positions: `softmax(positions)`.
    /// A softmax the loss alone reads, over every channel, is no node (the loss reads every
    /// channel anyway).
    mutating func lowerSoftmax(_ position: Int) {
        let node = graph.node[position]
        guard let input = dataInput(position, allowBlocks: true) else { return }
        let raw = node.int("axis", default: model.opsetVersion < 13 ? 1 : -1)
        guard let axis = normalized(raw, rank: input.rank) else {
            return fail(position, "axis \(raw) is outside a rank-\(input.rank) tensor", code: .invalidValue)
        }
        let axes = model.opsetVersion < 13 ? Array(axis..<input.rank) : [axis]
        let roles = axes.reduce(into: Set<ONNXFactor.Role>()) { $0.formUnion(input.roles(of: $1)) }
        let channelFactors = input.factors(.channel)
        let inner = channelFactors.filter { axes.contains($0.axis) }.map(\.factor).sorted { $0.rank.lexicographicallyPrecedes($1.rank) }
        let outer = channelFactors.filter { !axes.contains($0.axis) }.map(\.factor).sorted { $0.rank.lexicographicallyPrecedes($1.rank) }
        let output = node.output.first ?? ""
        if roles.isEmpty || (roles == [.channel] && outer.isEmpty && input.blocks.count == 1 && lossNames.contains(output) && consumerCount[output] == 1) {
            return setOutput(position, input)
        }
        if roles == [.position], input.factors(.position).allSatisfy({ axes.contains($0.axis) }) {
            var result = input
            for block in input.blocks.indices {
                let index = plan(PlannedNode(
                    name: input.blocks.count == 1 ? nodeNames[position] : uniqueName("\(nodeNames[position])/b\(block)"),
                    op: .softmax(.positions), channels: input.width,
                    inputs: [PlannedEdge(segment: single(input.blocks[block], position))]))
                result.blocks[block] = [ONNXSegment(node: index, range: ChannelRange(0, input.width))]
            }
            return setOutput(position, result)
        }
        guard roles == [.channel] else {
            return fail(position, "normalises axis \(axis) of a \(ONNXShapes.describe(input.shape)) tensor, which mixes channels and positions")
        }
        let all = channelFactors.map(\.factor)
        let groups = outer.reduce(1) { $0 * $1.size }
        let width = inner.reduce(1) { $0 * $1.size }
        var result = input
        for block in input.blocks.indices {
            var segments: [ONNXSegment] = []
            for group in 0..<groups {
                var fixed: [[Int]: Int] = [:]
                var rest = group
                for factor in outer.reversed() {
                    fixed[factor.rank] = rest % factor.size
                    rest /= factor.size
                }
                let indices = ONNXAxisAlgebra.indices(of: all, order: inner.map(\.rank), fixed: fixed)
                let source = single(input.channels(at: indices, block: block), position)
                let name = groups == 1 && input.blocks.count == 1 ? nodeNames[position]
                    : uniqueName("\(nodeNames[position])/\(input.blocks.count > 1 ? "b\(block)" : "")h\(group)")
                let index = plan(PlannedNode(name: name, op: .softmax(.channels), channels: width, inputs: [PlannedEdge(segment: source)]))
                segments.append(ONNXSegment(node: index, range: ChannelRange(0, width)))
            }
            result.blocks[block] = segments
        }
        result.axes = ONNXAxisAlgebra.renumbered(input.axes, .channel, order: outer.map(\.rank) + inner.map(\.rank))
        setOutput(position, result)
    }
}
