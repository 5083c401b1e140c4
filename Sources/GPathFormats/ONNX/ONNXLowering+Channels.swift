import GPathDiagnostics
import GPathIR

/// Split and Slice: CSP/C2f channel splits arrive as either. On the channel axis they become
/// channel ranges on the consumers' edges (no node); Slice with a step on H and W becomes a
/// 1×1 max-pool of that stride — an exact strided subsample (YOLOv5's Focus).
extension ONNXLowering {
    /// Split on axis 1 in its three forms: sizes as the `split` attribute (opset ≤ 12), as
    /// input 1 (opset ≥ 13), or `num_outputs` equal chunks with a smaller last one (opset ≥ 18);
    /// with none of them, equal parts, one per output.
    mutating func lowerSplit(_ position: Int) {
        let node = graph.node[position]
        guard let input = dataInput(position) else { return }
        guard input.layout == .channels, normalized(node.int("axis", default: 0), rank: input.rank) == 1 else {
            return fail(position, "splits along axis \(node.int("axis", default: 0)); gpath lowers only a channel split (axis 1) of an NCHW tensor")
        }
        let width = input.width
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
            var part = input
            part.segments = input.channels(offset..<offset + size)
            part.shape[1] = size
            offset += size
            guard size > 0 else {
                fail(position, "output \(index) is empty", code: .badSlice)
                continue
            }
            setOutput(position, part, index: index)
        }
    }

    /// Slice with starts/ends/axes/steps as attributes (opset < 10) or inputs 1–4 (opset ≥ 10).
    mutating func lowerSlice(_ position: Int) {
        let node = graph.node[position]
        guard var value = dataInput(position, allowPending: true) else { return }
        guard value.pendingPads == nil, value.layout == .channels else {
            return fail(position, "slices a padded, flattened or channel-grouped tensor")
        }
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
        var step = value.pendingStep ?? (height: 1, width: 1)
        for ((start, end), (rawAxis, stride)) in zip(zip(starts, ends), zip(axes, steps)) {
            guard let axis = normalized(rawAxis, rank: value.rank) else {
                return fail(position, "axis \(rawAxis) is outside a rank-\(value.rank) tensor", code: .invalidValue)
            }
            let size = axis == 1 ? value.width : (value.shape[axis] ?? 1)
            let positions = Self.slicePositions(start: start, end: end, step: stride, size: size)
            switch axis {
            case 0:
                guard positions == Array(0..<size) else { return fail(position, "slices the batch axis") }
            case 1:
                guard !positions.isEmpty else { return fail(position, "takes no channel", code: .badSlice) }
                value.segments = value.channels(at: positions)
                value.shape[1] = positions.count
            default:
                guard value.rank == 4, value.shape[axis] != nil else { return fail(position, "slices an axis of unknown size") }
                if positions == Array(0..<size) { continue }
                guard stride > 1, positions.count == (size + stride - 1) / stride else {
                    return fail(position, "crops axis \(axis) (\(positions.first ?? 0)..<\((positions.last ?? 0) + 1) of \(size)); gpath lowers only channel slices and strided subsampling of H and W")
                }
                if axis == 2 { step.height *= stride } else { step.width *= stride }
                value.shape[axis] = positions.count
            }
        }
        if step.height == 1, step.width == 1 {
            value.pendingStep = nil
        } else if step.height == step.width {
            value.pendingStep = nil
            var source = value
            if source.segments.count > 1 { source = gathered(position, source) }
            let index = plan(PlannedNode(
                name: nodeNames[position], op: .passThrough(.maxPool(Pooling(kernel: 1, stride: AxisPair(step.height)))),
                inputs: source.segments.map { PlannedEdge(segment: $0) }, tensor: node.output.first))
            value.segments = [ONNXSegment(node: index, range: ChannelRange(0, value.width))]
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
