import GPathDiagnostics
import GPathIR

/// Bringing a value into the layout an op needs: channels in memory order, positions in the IR
/// map's order, one block, every channel factor on one axis. Each step is exact for channels;
/// re-basing positions that were permuted is the one approximation (W232).
extension ONNXLowering {
    /// The IR map of the node behind the first segment of `block`.
    func map(of value: ONNXDataValue, block: Int = 0) -> Spatial? {
        value.blocks[block].first.flatMap { planned[$0.node].spatial }
    }

    /// `value` with its channel index equal to the memory one: the segments are permuted (no
    /// node), e.g. after a channel shuffle or a transposed per-head tensor.
    func inMemoryChannelOrder(_ value: ONNXDataValue) -> ONNXDataValue {
        guard !value.channelsInMemoryOrder else { return value }
        let channelFactors = value.factors(.channel)
        let order = channelFactors.map(\.factor.rank)
        let indices = ONNXAxisAlgebra.indices(of: channelFactors.map(\.factor), order: order)
        var result = value
        result.blocks = value.blocks.indices.map { value.channels(at: indices, block: $0) }
        result.axes = ONNXAxisAlgebra.renumbered(value.axes, .channel, order: order)
        return result
    }

    /// The map a value's positions form in memory order: H×W for two position axes, T×1 for
    /// one (or for more, flattened).
    func naturalMap(_ value: ONNXDataValue) -> Spatial {
        let sizes = value.axes.map { factors in factors.filter { $0.role == .position }.reduce(1) { $0 * $1.size } }
        let spatialAxes = value.axes.indices.filter { value.axes[$0].contains { $0.role == .position } }
        if spatialAxes.count == 2 { return Spatial(height: sizes[spatialAxes[0]], width: sizes[spatialAxes[1]]) }
        return Spatial(height: sizes.reduce(1, *), width: 1)
    }

    /// `value` with its positions in IR order. When they are not (a transpose of position
    /// axes, a cyclic shift), each node behind it is re-based by a `reshape` to the map of the
    /// memory order, once per source and permutation (W232: the permutation itself is not
    /// represented; each channel keeps its values, so paths and units are exact).
    mutating func aligned(_ value: ONNXDataValue, _ position: Int) -> ONNXDataValue {
        guard !value.isAligned else { return value }
        let target = naturalMap(value)
        let positions = value.factors(.position)
        let signature = "\(positions.map { "\($0.factor.size):\($0.factor.rank)" })|\(value.scrambledBy ?? -1)|\(target)"
        var result = value
        for block in value.blocks.indices {
            result.blocks[block] = value.blocks[block].map { segment in
                ONNXSegment(node: rebase(segment.node, to: target, signature: signature, at: position), range: segment.range)
            }
        }
        result.axes = ONNXAxisAlgebra.renumbered(value.axes, .position, order: positions.map(\.factor.rank))
        result.scrambledBy = nil
        return result
    }

    /// A `reshape` of planned node `node` to `map` (named after ONNX node `position`), made once
    /// per node and signature.
    private mutating func rebase(_ node: Int, to map: Spatial, signature: String, at position: Int) -> Int {
        let key = "\(node)|\(signature)"
        if let done = rebasedNodes[key] { return done }
        let name = uniqueName("\(nodeNames[position])/positions")
        let index = plan(PlannedNode(
            name: name, op: .reshape(map), channels: planned[node].channels,
            inputs: [PlannedEdge(segment: ONNXSegment(node: node, range: ChannelRange(0, planned[node].channels ?? 0)))]))
        approximate(name, .positionPermutation)
        rebasedNodes[key] = index
        return index
    }

    /// A `reshape` of `value`'s nodes to `map`, exact because the positions are aligned (a
    /// conv map regrouped into a token column). Named `<node>/<label>`.
    mutating func regrouped(_ value: ONNXDataValue, to map: Spatial, _ position: Int, label: String) -> ONNXDataValue {
        var result = value
        for block in value.blocks.indices {
            result.blocks[block] = value.blocks[block].map { segment in
                guard planned[segment.node].spatial != map else { return segment }
                let index = plan(PlannedNode(
                    name: uniqueName("\(nodeNames[position])/\(label)"), op: .reshape(map), channels: segment.range.width,
                    inputs: [PlannedEdge(segment: segment)]))
                return ONNXSegment(node: index, range: ChannelRange(0, segment.range.width))
            }
        }
        return result
    }

    /// One node holding the channels of `segments` (a `concat` named `<node>/gather`), or the
    /// segment itself when there is one.
    mutating func single(_ segments: [ONNXSegment], _ position: Int) -> ONNXSegment {
        if segments.count == 1 { return segments[0] }
        let width = segments.reduce(0) { $0 + $1.range.width }
        let index = plan(PlannedNode(
            name: uniqueName("\(nodeNames[position])/gather"), op: .concat, channels: width,
            inputs: segments.map { PlannedEdge(segment: $0) }))
        return ONNXSegment(node: index, range: ChannelRange(0, width))
    }

    /// `value` as one block: the blocks (attention windows) joined along positions by a
    /// `concat_tokens` per channel run, named `<node>/join<k>`.
    mutating func materialized(_ value: ONNXDataValue, _ position: Int) -> ONNXDataValue {
        guard value.blocks.count > 1 else { return value }
        var blocks = value.blocks
        let widths = blocks[0].map(\.range.width)
        if !blocks.allSatisfy({ $0.map(\.range.width) == widths }) {
            blocks = blocks.map { [single($0, position)] }
        }
        var segments: [ONNXSegment] = []
        for k in blocks[0].indices {
            let width = blocks[0][k].range.width
            let index = plan(PlannedNode(
                name: uniqueName("\(nodeNames[position])/join\(k)"), op: .tokenConcat, channels: width,
                inputs: blocks.map { PlannedEdge(segment: $0[k]) }))
            segments.append(ONNXSegment(node: index, range: ChannelRange(0, width)))
        }
        var result = value
        result.blocks = [segments]
        let value = ONNXDataValue.renumberedPositions(value)
        let order = value.factors(.block).map(\.factor.rank).sorted { $0.lexicographicallyPrecedes($1) }
            + value.factors(.position).map(\.factor.rank).sorted { $0.lexicographicallyPrecedes($1) }
        var renamed = value.axes.map { $0.map { f in f.role == .block ? ONNXFactor(size: f.size, role: .position, rank: [-1] + f.rank) : f } }
        let prefixed = order.enumerated().map { index, rank in index < value.factors(.block).count ? [-1] + rank : rank }
        renamed = ONNXAxisAlgebra.renumbered(renamed, .position, order: prefixed)
        result.axes = renamed
        return result
    }

    /// `value` with every channel factor on `axis` in memory order, positions on the other
    /// axes in IR order, one block: the layout of a conv (`axis` 1) or a token-wise linear
    /// (the last axis). Channel factors on other axes (ultralytics' DFL reads its 4 box sides as
    /// the height of a map) become positions: one `concat_tokens` of the channels of each
    /// index, exact for channels. Nil, with an error, when an axis mixes channels and positions.
    mutating func channelLayout(_ input: ONNXDataValue, axis: Int, _ position: Int) -> ONNXDataValue? {
        var value = materialized(input, position)
        let moved = value.factors(.channel).filter { $0.axis != axis }
        if !moved.isEmpty {
            guard value.axes.enumerated().allSatisfy({ index, factors in index == axis || Set(factors.map(\.role)).count <= 1 }) else {
                fail(position, "reads a tensor of shape \(ONNXShapes.describe(value.shape)) whose axes mix channels and positions")
                return nil
            }
            value = ONNXDataValue.renumberedPositions(aligned(value, position))
            let kept = value.factors(.channel).filter { $0.axis == axis }
            let channelFactors = value.factors(.channel).map(\.factor)
            var edges: [PlannedEdge] = []
            let combinations = ONNXAxisAlgebra.indices(of: moved.map(\.factor), order: moved.map(\.factor.rank))
            let movedSorted = moved.map(\.factor).sorted { $0.rank.lexicographicallyPrecedes($1.rank) }
            for combination in combinations {
                // Digits of this combination, by rank.
                var fixed: [[Int]: Int] = [:]
                var rest = combination
                for factor in movedSorted.reversed() {
                    fixed[factor.rank] = rest % factor.size
                    rest /= factor.size
                }
                let indices = ONNXAxisAlgebra.indices(of: channelFactors, order: moved.map(\.factor.rank) + kept.map(\.factor.rank), fixed: fixed)
                edges.append(PlannedEdge(segment: single(value.channels(at: indices), position)))
            }
            let width = kept.reduce(1) { $0 * $1.factor.size }
            let joined = plan(PlannedNode(name: uniqueName("\(nodeNames[position])/tokens"), op: .tokenConcat, channels: width, inputs: edges))
            var axes = value.axes.map { $0.map { f in f.role == .channel && !kept.contains(where: { $0.factor.rank == f.rank }) ? ONNXFactor(size: f.size, role: .position, rank: [-1] + f.rank) : f } }
            let order = moved.map { [-1] + $0.factor.rank } + value.factors(.position).map(\.factor.rank).sorted { $0.lexicographicallyPrecedes($1) }
            axes = ONNXAxisAlgebra.renumbered(axes, .position, order: order)
            axes = ONNXAxisAlgebra.renumbered(axes, .channel, order: kept.map(\.factor.rank))
            value.axes = axes
            value.segments = [ONNXSegment(node: joined, range: ChannelRange(0, width))]
        }
        value = inMemoryChannelOrder(value)
        guard value.factors(.channel).isEmpty || value.axes[axis].allSatisfy({ $0.role == .channel }) else {
            fail(position, "reads a tensor of shape \(ONNXShapes.describe(value.shape)) whose axis \(axis) mixes channels and positions")
            return nil
        }
        return aligned(value, position)
    }
}
