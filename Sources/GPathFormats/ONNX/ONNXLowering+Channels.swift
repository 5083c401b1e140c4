import GPathDiagnostics
import GPathIR

/// Split and Slice. On a channel axis they select channels: ranges on the consumers' edges, no
/// node (CSP/C2f splits, C2PSA's q/k/v split of a per-head axis). On a position axis, a step
/// on H and W becomes a 1×1 max-pool of that stride — an exact strided subsample (YOLOv5's
/// Focus, Swin's patch merging); a crop is held until its consumer is known (a cyclic shift
/// when joined back, else a token slice).
extension ONNXLowering {
    /// `value` keeping, on `axis` (one channel factor), the channels at sorted `indices`.
    func selectingChannels(_ value: ONNXDataValue, axis: Int, _ indices: [Int]) -> ONNXDataValue? {
        guard value.axes[axis].count == 1, let factor = value.axes[axis].first, factor.role == .channel else { return nil }
        let channelFactors = value.factors(.channel).map(\.factor)
        let order = channelFactors.sorted { $0.rank.lexicographicallyPrecedes($1.rank) }.map(\.rank)
        var kept: [Int] = []
        for index in indices { kept += ONNXAxisAlgebra.indices(of: channelFactors, order: order, fixed: [factor.rank: index]) }
        var result = value
        result.segments = value.channels(at: kept.sorted())
        result.axes[axis] = indices.count > 1 ? [ONNXFactor(size: indices.count, role: .channel, rank: factor.rank)] : []
        result.shape[axis] = indices.count
        return result
    }

    /// Split along a channel axis in its three forms: sizes as the `split` attribute (opset ≤
    /// 12), as input 1 (opset ≥ 13), or `num_outputs` equal chunks with a smaller last one
    /// (opset ≥ 18); with none of them, equal parts, one per output.
    mutating func lowerSplit(_ position: Int) {
        let node = graph.node[position]
        guard let input = dataInput(position) else { return }
        let rawAxis = node.int("axis", default: 0)
        guard let axis = normalized(rawAxis, rank: input.rank), input.axes[axis].count == 1, input.axes[axis].first?.role == .channel else {
            return fail(position, "splits along axis \(rawAxis); gpath lowers a split of one channel axis (axis 1 of an NCHW map)")
        }
        let width = input.shape[axis] ?? 0
        let outputs = node.output.count
        var sizes: [Int]
        if let attribute = node.ints("split") {
            sizes = attribute
        } else if node.input(at: 1) != nil {
            guard let values = integerInput(node, 1) else {
                return fail(position, "split sizes (input 1) are not a constant", code: .invalidValue)
            }
            sizes = values
        } else {
            let parts = node.attribute("num_outputs").map { Int(clamping: $0.i) } ?? outputs
            guard parts > 0 else { return fail(position, "splits into no output", code: .invalidValue) }
            let chunk = (width + parts - 1) / parts
            sizes = (0..<parts).map { min(chunk, max(0, width - $0 * chunk)) }
        }
        guard sizes.count == outputs, sizes.allSatisfy({ $0 >= 0 }), sizes.reduce(0, +) == width else {
            return fail(position, "sizes \(sizes) do not split \(width) channels into \(outputs) outputs", code: .badSlice)
        }
        var offset = 0
        for (index, size) in sizes.enumerated() {
            defer { offset += size }
            guard size > 0 else {
                fail(position, "output \(index) is empty", code: .badSlice)
                continue
            }
            guard let part = selectingChannels(input, axis: axis, Array(offset..<offset + size)) else { continue }
            setOutput(position, part, index: index)
        }
    }

    /// Slice with starts/ends/axes/steps as attributes (opset < 10) or inputs 1–4 (opset ≥ 10).
    mutating func lowerSlice(_ position: Int) {
        let node = graph.node[position]
        guard var value = dataInput(position, allowPending: true) else { return }
        if value.pendingCrop != nil {
            guard let realized = realizedCrop(value) else { return }
            value = realized
        }
        guard value.pendingPads == nil else { return fail(position, "slices a padded tensor") }
        let starts = node.ints("starts") ?? integerInput(node, 1)
        let ends = node.ints("ends") ?? integerInput(node, 2)
        guard let starts, let ends, starts.count == ends.count else {
            return fail(position, "needs constant `starts` and `ends` of equal length", code: .invalidValue)
        }
        let axes = node.ints("axes") ?? integerInput(node, 3) ?? Array(0..<starts.count)
        let steps = integerInput(node, 4) ?? Array(repeating: 1, count: starts.count)
        guard axes.count == starts.count, steps.count == starts.count, !steps.contains(0) else {
            return fail(position, "`axes`/`steps` do not match `starts`", code: .invalidValue)
        }
        let spatialAxes = value.axes.indices.filter { value.axes[$0].contains { $0.role == .position } }
        var step = value.pendingStep ?? (height: 1, width: 1)
        var crop: ONNXPositionCrop?
        var selected = false
        for ((start, end), (rawAxis, stride)) in zip(zip(starts, ends), zip(axes, steps)) {
            guard let axis = normalized(rawAxis, rank: value.rank), let size = value.shape[axis] ?? (value.axes[axis].isEmpty ? 1 : nil) else {
                return fail(position, "axis \(rawAxis) is outside a rank-\(value.rank) tensor or of unknown size", code: .invalidValue)
            }
            let positions = Self.slicePositions(start: start, end: end, step: stride, size: size)
            if positions == Array(0..<size) { continue }
            guard !positions.isEmpty else { return fail(position, "takes nothing from axis \(axis)", code: .badSlice) }
            let roles = value.roles(of: axis)
            if roles == [.channel], stride > 0, let chosen = selectingChannels(value, axis: axis, positions) {
                value = chosen
                selected = true
            } else if roles == [.position], stride > 1, positions.count == (size + stride - 1) / stride,
                      spatialAxes.count == 2, spatialAxes.contains(axis), value.axes[axis].count == 1 {
                if axis == spatialAxes[0] { step.height *= stride } else { step.width *= stride }
                if positions.first != 0 { approximate(nodeNames[position], .subsampleOffset) }
                value.shape[axis] = positions.count
            } else if roles == [.position], stride == 1, crop == nil, let input = node.input.first {
                crop = ONNXPositionCrop(node: position, tensor: input, axis: axis, range: positions[0]..<positions[positions.count - 1] + 1)
                value.shape[axis] = positions.count
            } else {
                return fail(position, "slices \(positions.first ?? 0)..<\((positions.last ?? 0) + 1) (step \(stride)) of axis \(axis) of a \(ONNXShapes.describe(value.shape)) tensor; gpath lowers channel slices, strided subsampling of H and W, and crops of the outermost position axis")
            }
        }
        if let crop {
            guard !selected, step.height == 1, step.width == 1, value.pendingStep == nil else {
                return fail(position, "crops positions and slices another axis in one node")
            }
            value.pendingCrop = crop
            return setOutput(position, value)
        }
        if step.height == 1, step.width == 1 {
            value.pendingStep = nil
        } else if step.height == step.width {
            value.pendingStep = nil
            let (h, w) = (spatialAxes[0], spatialAxes[1])
            let original = Spatial(height: value.axes[h][0].size, width: value.axes[w][0].size)
            value = aligned(value, position)
            if map(of: value) != original { value = regrouped(value, to: original, position, label: "map") }
            let index = plan(PlannedNode(
                name: nodeNames[position], op: .passThrough(.maxPool(Pooling(kernel: 1, stride: AxisPair(step.height)))),
                inputs: [PlannedEdge(segment: single(value.segments, position))], tensor: node.output.first))
            value.segments = [ONNXSegment(node: index, range: ChannelRange(0, value.width))]
            for axis in [h, w] { value.axes[axis][0].size = value.shape[axis] ?? 1 }
        } else {
            value.pendingStep = step
        }
        setOutput(position, value)
    }

    /// The indices ONNX Slice takes along an axis of `size` (negative indices count from the
    /// end; bounds clamp; a negative step walks backwards).
    static func slicePositions(start: Int, end: Int, step: Int, size: Int) -> [Int] {
        func clamp(_ index: Int, low: Int, high: Int) -> Int {
            let resolved = index < 0 ? (index == Int.min ? low : index + size) : index
            return min(max(resolved, low), high)
        }
        if step > 0 {
            let from = clamp(start, low: 0, high: size)
            let to = clamp(end, low: 0, high: size)
            return from < to ? Array(stride(from: from, to: to, by: step)) : []
        }
        let from = clamp(start, low: -1, high: size - 1)
        let to = clamp(end, low: -1, high: size - 1)
        return from > to ? Array(stride(from: from, to: to, by: step)) : []
    }
}
