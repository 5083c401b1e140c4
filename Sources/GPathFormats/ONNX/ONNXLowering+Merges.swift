import GPathDiagnostics
import GPathIR

/// Element-wise ops of several inputs (Add, Sum, Sub, Mul, Div) and Concat.
extension ONNXLowering {
    /// With one feature map and constants: a bias Add folds into the layer before it (MatMul +
    /// Add is how PyTorch exports `nn.Linear` in some versions); otherwise the constant only
    /// shifts or scales values and the op is an alias. With several feature maps: an `add`
    /// node. Mul and Div route gradient to both factors exactly as an add does, so they lower
    /// to `add` too. Broadcasting over H×W (a 1×1 attention vector, SE blocks) inserts a
    /// nearest upsample `<node>/broadcast<i>`; broadcasting one channel over all is one edge
    /// per channel.
    mutating func lowerElementwise(_ position: Int) {
        let node = graph.node[position]
        var operands: [ONNXDataValue] = []
        var constants: [ONNXConstant] = []
        for name in node.input where !name.isEmpty {
            switch value(name) {
            case .data(let data)?:
                guard data.pendingStep == nil, data.pendingPads == nil else {
                    return fail(position, "reads `\(name)`, a partial spatial slice or Pad gpath cannot represent here")
                }
                operands.append(data)
            case .constant(let constant)?: constants.append(constant)
            default: return
            }
        }
        if operands.count == 1 {
            let input = operands[0]
            if ["Add", "Sum", "Sub"].contains(node.opType), let tensor = node.input.first(where: { if case .data? = values[$0] { true } else { false } }),
               let target = foldTarget(tensor, input), constants.first?.elementCount == planned[target].channels {
                switch planned[target].op {
                case .linear(var l) where !l.bias && !l.normalized && l.activation == nil:
                    l.bias = true
                    planned[target].op = .linear(l)
                    return refold(position, target, input)
                case .convolution(var c) where !c.bias && !c.normalized && c.activation == nil:
                    c.bias = true
                    planned[target].op = .convolution(c)
                    return refold(position, target, input)
                default: break
                }
            }
            return setOutput(position, input)
        }
        guard operands.allSatisfy({ $0.layout != .flattened || operands[0].layout == .flattened }),
              operands.allSatisfy({ if case .grouped = $0.layout { false } else { true } }) else {
            return fail(position, "mixes flattened or channel-grouped tensors")
        }
        let rank = operands.map(\.rank).max() ?? 0
        guard operands.allSatisfy({ $0.rank == rank }) else {
            return fail(position, "operands of different ranks (\(operands.map { ONNXShapes.describe($0.shape) }.joined(separator: ", "))) are not supported")
        }
        let channels = operands.map(\.width).max() ?? 0
        var shape = operands.first { $0.width == channels }?.shape ?? operands[0].shape
        for axis in 2..<max(rank, 2) { shape[axis] = operands.compactMap { $0.shape[axis] }.max() ?? shape[axis] }
        var edges: [PlannedEdge] = []
        for (index, var operand) in operands.enumerated() {
            if rank == 4, let size = shape[2], operand.shape[2] == 1, operand.shape[3] == 1, size > 1 || (shape[3] ?? 1) > 1 {
                guard shape[2] == shape[3] else {
                    return fail(position, "broadcasts a 1x1 map over a non-square \(size)x\(shape[3] ?? 0) map")
                }
                if operand.segments.count > 1 { operand = gathered(position, operand) }
                let upsample = plan(PlannedNode(
                    name: uniqueName("\(nodeNames[position])/broadcast\(index)"), op: .passThrough(.upsample(scale: size)),
                    inputs: operand.segments.map { PlannedEdge(segment: $0) }))
                operand.segments = [ONNXSegment(node: upsample, range: ChannelRange(0, operand.width))]
            } else if rank == 4, operand.shape[2] != shape[2] || operand.shape[3] != shape[3] {
                return fail(position, "operand shapes \(operands.map { ONNXShapes.describe($0.shape) }.joined(separator: " and ")) do not broadcast", code: .channelMismatch)
            }
            if operand.width == channels {
                var offset = 0
                for segment in operand.segments {
                    edges.append(PlannedEdge(segment: segment, destinationOffset: offset))
                    offset += segment.range.width
                }
            } else if operand.width == 1, channels <= Self.valueLimit, let segment = operand.segments.first {
                edges += (0..<channels).map { PlannedEdge(segment: segment, destinationOffset: $0) }
            } else {
                return fail(position, "operands with \(operands.map { "\($0.width)" }.joined(separator: " and ")) channels do not broadcast", code: .channelMismatch)
            }
        }
        var output = ONNXDataValue(segments: [], shape: shape, layout: operands[0].layout)
        let index = planNode(position, op: .add, edges: edges, shape: shape)
        output.segments = [ONNXSegment(node: index, range: ChannelRange(0, channels))]
        setOutput(position, output)
    }

    /// Concat on the channel axis: a `concat` node.
    mutating func lowerConcat(_ position: Int) {
        let node = graph.node[position]
        var inputs: [ONNXDataValue] = []
        for index in node.input.indices where !node.input[index].isEmpty {
            guard let input = dataInput(position, index) else { return }
            inputs.append(input)
        }
        guard let first = inputs.first else { return fail(position, "has no input", code: .wrongArity) }
        guard inputs.allSatisfy({ $0.layout == .channels && $0.rank == first.rank }), first.rank >= 2 else {
            return fail(position, "concatenates tensors that are not all NCHW (or NC) of one rank")
        }
        guard normalized(node.int("axis", default: 1), rank: first.rank) == 1 else {
            return fail(position, "concatenates along axis \(node.int("axis", default: 1)); gpath lowers only the channel axis (1)")
        }
        var shape = first.shape
        shape[1] = inputs.reduce(0) { $0 + $1.width }
        planNode(position, op: .concat, edges: inputs.flatMap { $0.segments.map { PlannedEdge(segment: $0) } }, shape: shape)
    }
}
