import GPathDiagnostics
import GPathIR

/// Flatten, Reshape, Squeeze, Unsqueeze and Transpose. None moves data between channels
/// except ShuffleNet's channel shuffle — Reshape [N,C,H,W]→[N,g,C/g,H,W], Transpose
/// (0,2,1,3,4), Reshape back — which gpath follows channel by channel: the shuffled tensor is
/// a `concat` (named after the last Reshape) of single-channel edges in the new order, so every
/// channel's gradient goes back to exactly the channel it came from.
extension ONNXLowering {
    mutating func lowerReshape(_ position: Int) {
        let node = graph.node[position]
        guard let input = dataInput(position) else { return }
        guard let shape = reshapedShape(node, input.shape) else {
            return fail(position, "needs a constant target shape (or axes) consistent with input \(ONNXShapes.describe(input.shape))", code: .invalidValue)
        }
        let spatialBefore = input.shape.dropFirst(2).reduce(1) { $0.saturatingMultiplied(by: $1 ?? 1) }
        let spatialAfter = shape.dropFirst(2).reduce(1) { $0.saturatingMultiplied(by: $1 ?? 1) }
        var output = input
        output.shape = shape
        switch input.layout {
        case .channels where shape.count >= 2 && shape[1] == input.width && spatialBefore == spatialAfter:
            output.layout = .channels
        case .channels where shape.count == 2 && shape[1] == input.width * spatialBefore:
            output.layout = .flattened
        case .channels where shape.count == 5 && input.rank == 4 && shape[3] == input.shape[2] && shape[4] == input.shape[3]
            && (shape[1] ?? 0) * (shape[2] ?? 0) == input.width:
            output.layout = .grouped(groups: shape[1] ?? 1, perGroup: shape[2] ?? 1)
        case .grouped where shape.count == 4 && shape[1] == input.width && shape[2] == input.shape[3] && shape[3] == input.shape[4]:
            output.layout = .channels
            if output.segments.count > 1 {
                let index = plan(PlannedNode(
                    name: nodeNames[position], op: .concat, inputs: output.segments.map { PlannedEdge(segment: $0) },
                    tensor: node.output.first))
                output.segments = [ONNXSegment(node: index, range: ChannelRange(0, input.width))]
            }
        case .flattened where shape.count == 2 && shape[1] == input.shape[1]:
            break
        default:
            return fail(position, "reshapes \(ONNXShapes.describe(input.shape)) to \(ONNXShapes.describe(shape)), which moves values across the channel axis",
                        notes: ["gpath follows flattening, squeezing size-1 axes and the channel-shuffle pattern"])
        }
        setOutput(position, output)
    }

    private mutating func reshapedShape(_ node: ONNXNodeProto, _ dims: [Int?]) -> [Int?]? {
        switch node.opType {
        case "Flatten":
            let axis = node.int("axis", default: 1)
            guard (axis < 0 ? axis + dims.count : axis) == 1 else { return nil }
            let rest = dims.dropFirst().reduce(Optional(1)) { total, dim in total.flatMap { t in dim.map { t * $0 } } }
            return [dims.first ?? nil, rest]
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
            if !shape.isEmpty { shape[0] = dims.first ?? nil }
            return shape
        }
    }

    mutating func lowerTranspose(_ position: Int) {
        let node = graph.node[position]
        guard let input = dataInput(position) else { return }
        let rank = input.rank
        let perm = node.ints("perm") ?? Array((0..<rank).reversed())
        guard perm.sorted() == Array(0..<rank) else {
            return fail(position, "perm \(perm) is not a permutation of \(rank) axes", code: .invalidValue)
        }
        var output = input
        output.shape = perm.map { input.shape[$0] }
        if perm == Array(0..<rank) { return setOutput(position, output) }
        if case .grouped(let groups, let perGroup) = input.layout, perm == [0, 2, 1, 3, 4] {
            // New channel index j = b·groups + a reads old channel a·perGroup + b.
            let order = (0..<perGroup).flatMap { b in (0..<groups).map { a in a * perGroup + b } }
            output.segments = input.channels(at: order)
            output.layout = .grouped(groups: perGroup, perGroup: groups)
            return setOutput(position, output)
        }
        if input.layout == .channels, rank == 4, perm == [0, 1, 3, 2], input.shape[2] == input.shape[3] {
            return setOutput(position, output)
        }
        fail(position, "perm \(perm) moves the channel axis of a \(ONNXShapes.describe(input.shape)) tensor",
             notes: ["gpath follows only the channel shuffle (Reshape, Transpose [0, 2, 1, 3, 4], Reshape)"],
             helps: [perm == [0, 2, 3, 1] || perm == [0, 3, 1, 2]
                 ? "a channels-last section inside the network (ConvNeXt/Swin-style LayerNorm or Linear over channels) cannot be followed; NHWC inputs belong in the exporter's preprocessing"
                 : "export NCHW models; for NHWC inputs put the Transpose in the exporter's preprocessing"])
    }
}
