import GPathDiagnostics
import GPathIR

/// Positions taken or turned into channels: crops and Gathers on position axes become
/// `slice_tokens` nodes (ViT's class-token readout, ultralytics' box sides), trainable
/// constants joined to or added over positions become `learned` tensors (class token,
/// positional embedding, Swin's relative-position bias).
extension ONNXLowering {
    /// A `slice_tokens` of positions `lower..<upper` of planned node `node`, all its channels,
    /// named `<node><label>`; made once per node and range.
    mutating func tokenSlice(of node: Int, _ lower: Int, _ upper: Int, at position: Int, label: String) -> Int {
        let key = "\(node)|\(lower)|\(upper)"
        if let done = tokenSlices[key] { return done }
        let width = planned[node].channels ?? 0
        let index = plan(PlannedNode(
            name: claimName(position, suffix: label), op: .tokenSlice(lower: lower, upper: upper), channels: width,
            inputs: [PlannedEdge(segment: ONNXSegment(node: node, range: ChannelRange(0, width)))]))
        tokenSlices[key] = index
        return index
    }

    /// The positions of `value` whose index on the position factor of `axis` lies in `range`:
    /// token slices of every node behind it, when that factor is the most significant position
    /// (so the range is contiguous in the IR map). Nil otherwise.
    mutating func takePositions(_ input: ONNXDataValue, axis: Int, _ range: Range<Int>, at position: Int, label: String) -> ONNXDataValue? {
        let value = ONNXDataValue.renumberedPositions(aligned(materialized(input, position), position))
        let positions = value.factors(.position)
        guard value.axes[axis].count == 1, let factor = value.axes[axis].first, factor.role == .position,
              positions.first?.factor.rank == factor.rank else { return nil }
        let inner = value.positionCount / factor.size
        var result = value
        result.segments = value.segments.map { segment in
            let slice = tokenSlice(of: segment.node, range.lowerBound * inner, range.upperBound * inner, at: position, label: label)
            return ONNXSegment(node: slice, range: segment.range)
        }
        result.axes[axis] = range.count > 1 ? [ONNXFactor(size: range.count, role: .position, rank: factor.rank)] : []
        result.shape[axis] = range.count
        result.pendingCrop = nil
        return result
    }

    /// A crop left pending by a Slice, made a token slice named after that Slice.
    mutating func realizedCrop(_ value: ONNXDataValue) -> ONNXDataValue? {
        guard let crop = value.pendingCrop else { return value }
        guard case .data(let source)? = values[crop.tensor],
              let taken = takePositions(source, axis: crop.axis, crop.range, at: crop.node, label: "") else {
            fail(crop.node, "crops positions \(crop.range.lowerBound)..<\(crop.range.upperBound) of axis \(crop.axis) that are not contiguous in the map; gpath lowers a crop of the outermost position axis",
                 notes: ["a pair of crops joined back along the same axis (a cyclic shift) is followed exactly"])
            return nil
        }
        var result = taken
        result.shape = value.shape
        return result
    }

    /// `value` with the positions on `axis` turned into channels (ultralytics joins its 4 box
    /// coordinates, held as positions, to the 80 class channels): one token slice per index,
    /// exact for channels. The new channel index is (index on `axis`, old channel).
    mutating func positionsToChannels(_ input: ONNXDataValue, axis: Int, at position: Int) -> ONNXDataValue? {
        let value = inMemoryChannelOrder(materialized(input, position))
        let size = value.shape[axis] ?? 1
        var segments: [ONNXSegment] = []
        for index in 0..<size {
            guard let taken = takePositions(value, axis: axis, index..<index + 1, at: position, label: "/tokens\(index)") else {
                fail(position, "joins positions of axis \(axis) to channels, but they are not the outermost positions of their map")
                return nil
            }
            segments += taken.segments
        }
        var result = ONNXDataValue.renumberedPositions(value)
        result.axes = ONNXAxisAlgebra.renumbered(result.axes, .channel)
        result.axes = result.axes.map { $0.map { f in f.role == .channel ? ONNXFactor(size: f.size, role: .channel, rank: [1] + f.rank) : f } }
        result.axes[axis] = size > 1 ? [ONNXFactor(size: size, role: .channel, rank: [0])] : []
        result.segments = segments
        return result
    }

    /// Gather on a feature map: on a channel axis, the channels at the indices (q, k and v out
    /// of a fused projection); on a position axis, a token slice (ViT's class-token readout);
    /// on a size-1 axis, nothing.
    mutating func lowerGather(_ position: Int) {
        let node = graph.node[position]
        guard let input = dataInput(position) else { return }
        guard let indexConstant = constantInput(node, 1), let picks = integers(indexConstant), let indexDims = indexConstant.dims,
              indexDims.count <= 1, let axis = normalized(node.int("axis", default: 0), rank: input.rank), let size = input.shape[axis] else {
            return fail(position, "needs constant scalar or 1-D indices on an axis of known size", code: .invalidValue)
        }
        let indices = picks.map { $0 < 0 ? $0 + size : $0 }
        guard !indices.isEmpty, indices.allSatisfy({ (0..<size).contains($0) }), indices == indices.sorted(), Set(indices).count == indices.count else {
            return fail(position, "indices \(picks) are out of range, repeated or unsorted", code: .badSlice)
        }
        var output: ONNXDataValue
        let roles = input.roles(of: axis)
        if roles.isEmpty {
            output = input
        } else if roles == [.channel], let chosen = selectingChannels(input, axis: axis, indices) {
            output = chosen
        } else if roles == [.position], indices.count == 1 || indices == Array(indices[0]...indices[indices.count - 1]),
                  let taken = takePositions(input, axis: axis, indices[0]..<indices[indices.count - 1] + 1, at: position, label: "") {
            output = taken
        } else {
            return fail(position, "gathers along axis \(axis) of a \(ONNXShapes.describe(input.shape)) tensor, which gpath cannot represent")
        }
        output.shape[axis] = indices.count
        if indexDims.isEmpty {
            output.shape.remove(at: axis)
            output.axes.remove(at: axis)
        }
        setOutput(position, output)
    }

    /// A `learned` tensor for the trainable constant `tensor` (channels × map), named after
    /// it; made once per tensor and shape. `table`: the values are gathered from that many
    /// trainable entries.
    mutating func learned(_ tensor: String, channels: Int, map: Spatial, table: Int? = nil) -> Int {
        let key = "\(tensor)|\(channels)|\(map)"
        if let done = learnedNodes[key] { return done }
        var node = PlannedNode(name: uniqueName(tensor), op: .learned(LearnedTable(entries: table)), channels: channels)
        node.spatial = map
        let index = plan(node)
        learnedNodes[key] = index
        return index
    }
}
