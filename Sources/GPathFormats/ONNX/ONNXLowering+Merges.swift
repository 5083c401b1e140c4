import GPathDiagnostics
import GPathIR

/// Element-wise ops (Add, Sum, Sub, Mul, Div) of feature maps and of a feature map with constants.
extension ONNXLowering {
    /// With several feature maps: an `add` node. Mul and Div route gradient to both factors
    /// exactly as an add does, so they lower to `add` too. Broadcasting over H×W (a 1×1
    /// attention vector, SE blocks) inserts a nearest upsample `<node>/broadcast<i>`;
    /// broadcasting one channel over all is one edge per channel. With one feature map and
    /// constants, see ``lowerAffine(_:_:constants:)``.
    mutating func lowerElementwise(_ position: Int) {
        let node = graph.node[position]
        var operands: [ONNXDataValue] = []
        var constants: [(name: String, constant: ONNXConstant)] = []
        for (index, name) in node.input.enumerated() where !name.isEmpty {
            switch value(name) {
            case .data?:
                guard let data = dataInput(position, index, allowBlocks: true) else { return }
                operands.append(data)
            case .constant(let constant)?: constants.append((name, constant))
            default: return
            }
        }
        if operands.count == 1 { return lowerAffine(position, operands[0], constants: constants) }
        let rank = operands.map(\.rank).max() ?? 0
        guard operands.allSatisfy({ $0.rank == rank }) else {
            return fail(position, "operands of different ranks (\(operands.map { ONNXShapes.describe($0.shape) }.joined(separator: ", "))) are not supported")
        }
        let widest = operands.max { $0.width < $1.width } ?? operands[0]
        let channelAxis = widest.factors(.channel).first?.axis ?? min(1, rank - 1)
        var laid: [ONNXDataValue] = []
        for operand in operands {
            guard let layout = channelLayout(operand, axis: channelAxis, position) else { return }
            laid.append(layout)
        }
        let channels = laid.map(\.width).max() ?? 0
        var shape = laid.first { $0.width == channels }?.shape ?? laid[0].shape
        for axis in shape.indices where axis != channelAxis { shape[axis] = laid.compactMap { $0.shape[axis] }.max() ?? shape[axis] }
        let template = laid.first { $0.width == channels && $0.shape == shape } ?? laid[0]
        let target = map(of: template)
        var edges: [PlannedEdge] = []
        for (index, var operand) in laid.enumerated() {
            if rank == 4, channelAxis == 1, let size = shape[2], operand.shape[2] == 1, operand.shape[3] == 1, size > 1 || (shape[3] ?? 1) > 1 {
                guard shape[2] == shape[3] else {
                    return fail(position, "broadcasts a 1x1 map over a non-square \(size)x\(shape[3] ?? 0) map")
                }
                let source = single(operand.segments, position)
                let upsample = plan(PlannedNode(
                    name: uniqueName("\(nodeNames[position])/broadcast\(index)"), op: .passThrough(.upsample(scale: size)),
                    inputs: [PlannedEdge(segment: source)]))
                operand.segments = [ONNXSegment(node: upsample, range: ChannelRange(0, operand.width))]
            } else if operand.positionCount != template.positionCount || zip(operand.shape, shape).enumerated().contains(where: { $0.offset != channelAxis && $0.element.0 != $0.element.1 }) {
                return fail(position, "operand shapes \(laid.map { ONNXShapes.describe($0.shape) }.joined(separator: " and ")) do not broadcast", code: .channelMismatch)
            } else if let target, map(of: operand) != target {
                operand = regrouped(operand, to: target, position, label: "map\(index)")
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
                return fail(position, "operands with \(laid.map { "\($0.width)" }.joined(separator: " and ")) channels do not broadcast", code: .channelMismatch)
            }
        }
        planNode(position, op: .add, channels: channels, edges: edges, shape: shape, layout: template)
    }

    /// One feature map and constants. A bias `Add` right after a layer folds into it (MatMul +
    /// Add is how PyTorch exports `nn.Linear`). A trainable constant (an initializer of more
    /// than one element) whose result feeds a weighted layer is a parameter: over channels
    /// only, a `Mul` is a `scale` node (ConvNeXt's layer scale); over positions, an `Add` is a
    /// `learned` tensor plus an `add` (ViT's positional embedding, Swin's relative-position
    /// bias). Anything else only shifts or scales values (attention scales, masks, the box
    /// decode after the last layers): no node.
    mutating func lowerAffine(_ position: Int, _ input: ONNXDataValue, constants: [(name: String, constant: ONNXConstant)]) {
        let node = graph.node[position]
        let additive = ["Add", "Sum", "Sub"].contains(node.opType)
        if additive, let tensor = node.input.first(where: { if case .data? = values[$0] { true } else { false } }),
           input.blocks.count == 1, let target = foldTarget(tensor, input), constants.first?.constant.elementCount == planned[target].channels {
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
        guard constants.count == 1, let (name, constant) = constants.first, constant.fromInitializer,
              (constant.elementCount ?? 0) > 1, let dims = constant.dims, dims.count <= input.rank,
              let result = node.output.first, feedsWeightedLayer.contains(result) else { return setOutput(position, input) }
        let padded = Array(repeating: 1, count: input.rank - dims.count) + dims
        func spans(_ role: ONNXFactor.Role) -> Bool {
            input.axes.indices.allSatisfy { !input.axes[$0].contains { $0.role == role } || padded[$0] == (input.shape[$0] ?? -1) }
        }
        func broadcasts(_ role: ONNXFactor.Role) -> Bool {
            input.axes.indices.allSatisfy { !input.axes[$0].contains { $0.role == role } || padded[$0] == 1 }
        }
        guard input.axes.indices.allSatisfy({ padded[$0] == 1 || padded[$0] == input.shape[$0] }) else { return setOutput(position, input) }
        if node.opType == "Mul", spans(.channel), broadcasts(.position), broadcasts(.block), input.positionCount > 1 || input.blocks.count > 1 {
            let value = materialized(input, position)
            planNode(position, op: .scale, channels: value.width, edges: [PlannedEdge(segment: single(value.segments, position))],
                     shape: value.shape, layout: value)
            return
        }
        guard additive, spans(.channel), spans(.position), broadcasts(.block), input.positionCount > 1 else { return setOutput(position, input) }
        let value = aligned(input, position)
        guard let map = map(of: value) else { return setOutput(position, input) }
        let table = relativePositionTable(dims, addedTo: node.input.first { !constants.map(\.name).contains($0) })
        let parameter = learned(constant.initializer ?? name, channels: value.width, map: map, table: table)
        var output = value
        for block in value.blocks.indices {
            var edges: [PlannedEdge] = []
            var offset = 0
            for segment in value.blocks[block] {
                edges.append(PlannedEdge(segment: segment, destinationOffset: offset))
                offset += segment.range.width
            }
            edges.append(PlannedEdge(segment: ONNXSegment(node: parameter, range: ChannelRange(0, value.width)), destinationOffset: 0))
            let sum = plan(PlannedNode(
                name: value.blocks.count == 1 ? nodeNames[position] : uniqueName("\(nodeNames[position])/b\(block)"),
                op: .add, channels: value.width, inputs: edges, tensor: value.blocks.count == 1 ? node.output.first : nil))
            output.blocks[block] = [ONNXSegment(node: sum, range: ChannelRange(0, value.width))]
        }
        setOutput(position, output)
    }
}
