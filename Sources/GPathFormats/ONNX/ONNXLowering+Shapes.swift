import GPathDiagnostics
import GPathIR

/// Flatten, Reshape, Squeeze, Unsqueeze and Transpose: no node. A Reshape splits or groups
/// the factors of the axes (``ONNXAxisAlgebra/reshape(_:to:)``) and a Transpose reorders the
/// axes, so every channel and position keeps its identity; a Reshape that would cut across a
/// factor is refused. When a Reshape leaves all channels on one axis in an order other than
/// their IR order — ShuffleNet's channel shuffle, Reshape [N,C,H,W]→[N,g,C/g,H,W], Transpose
/// (0,2,1,3,4), Reshape back — the shuffled tensor is a `concat` named after the Reshape, of
/// single-channel edges in the new order, so every channel's gradient goes back to exactly the
/// channel it came from.
extension ONNXLowering {
    mutating func lowerReshape(_ position: Int) {
        let node = graph.node[position]
        guard let input = dataInput(position, allowBlocks: true) else { return }
        guard let shape = reshapedShape(node, input.shape) else {
            return fail(position, "needs a constant target shape (or axes) consistent with input \(ONNXShapes.describe(input.shape))", code: .invalidValue)
        }
        guard let axes = ONNXAxisAlgebra.reshape(input.axes, to: shape.map { $0 ?? 1 }) else {
            return fail(position, "reshapes \(ONNXShapes.describe(input.shape)) to \(ONNXShapes.describe(shape)), which cuts across its channel and position axes",
                        notes: ["gpath follows reshapes that split or group axes of channels, of positions, or of both side by side"])
        }
        var output = input
        output.shape = shape
        output.axes = ONNXAxisAlgebra.merged(axes)
        let channelAxes = Set(output.factors(.channel).map(\.axis))
        if channelAxes.count == 1, !output.channelsInMemoryOrder, output.blocks.count == 1 {
            output = inMemoryChannelOrder(output)
            if output.segments.count > 1 {
                let index = plan(PlannedNode(
                    name: nodeNames[position], op: .concat, channels: output.width,
                    inputs: output.segments.map { PlannedEdge(segment: $0) }, tensor: node.output.first))
                output.segments = [ONNXSegment(node: index, range: ChannelRange(0, output.width))]
            }
        }
        setOutput(position, output)
    }

    private mutating func reshapedShape(_ node: ONNXNodeProto, _ dims: [Int?]) -> [Int?]? {
        switch node.opType {
        case "Flatten":
            let raw = node.int("axis", default: 1)
            let axis = raw < 0 ? raw + dims.count : raw
            guard (0...dims.count).contains(axis) else { return nil }
            func product(_ part: ArraySlice<Int?>) -> Int? { part.reduce(Optional(1)) { total, dim in total.flatMap { t in dim.map { t * $0 } } } }
            if axis == 1 { return [dims.first ?? nil, product(dims.dropFirst())] }
            return [product(dims.prefix(axis).map { $0 ?? 1 }[...]), product(dims.dropFirst(axis))]
        case "Squeeze":
            let axes = (node.ints("axes") ?? integerInput(node, 1))?.map { $0 < 0 ? $0 + dims.count : $0 }
            return dims.enumerated().filter { index, dim in
                if let axes { return !axes.contains(index) }
                return index == 0 || dim != 1
            }.map(\.element)
        case "Unsqueeze":
            guard let axes = node.ints("axes") ?? integerInput(node, 1) else { return nil }
            let rank = dims.count + axes.count
            var result = dims
            for axis in axes.map({ $0 < 0 ? $0 + rank : $0 }).sorted() {
                guard axis >= 0, axis <= result.count else { return nil }
                result.insert(1, at: axis)
            }
            return result
        default:
            guard let target = node.ints("shape") ?? integerInput(node, 1) else { return nil }
            guard let result = ONNXShapes.reshape(dims, to: target, allowZero: node.int("allowzero", default: 0) != 0) else { return nil }
            var shape = result
            // A symbolic batch stays symbolic where the reshape keeps it.
            if !shape.isEmpty, dims.first == .some(nil), shape[0] == 1 { shape[0] = nil }
            return shape
        }
    }

    mutating func lowerTranspose(_ position: Int) {
        let node = graph.node[position]
        guard let input = dataInput(position, allowBlocks: true) else { return }
        let rank = input.rank
        let perm = node.ints("perm") ?? Array((0..<rank).reversed())
        guard perm.sorted() == Array(0..<rank) else {
            return fail(position, "perm \(perm) is not a permutation of \(rank) axes", code: .invalidValue)
        }
        var output = input
        output.shape = perm.map { input.shape[$0] }
        output.axes = ONNXAxisAlgebra.merged(perm.map { input.axes[$0] })
        setOutput(position, output)
    }
}
