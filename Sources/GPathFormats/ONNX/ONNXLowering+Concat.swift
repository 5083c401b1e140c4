import GPathDiagnostics
import GPathIR

/// Concat along channels (a `concat` node), along positions (a `concat_tokens` node: the
/// class token before the patches, ultralytics' three detection levels on the anchor axis),
/// or of two crops of one tensor along the axis they were cut from (a cyclic shift: a
/// permutation of positions, no node).
extension ONNXLowering {
    private enum Part {
        case data(ONNXDataValue)
        case constant(String, ONNXConstant)
    }

    mutating func lowerConcat(_ position: Int) {
        let node = graph.node[position]
        var parts: [Part] = []
        for (index, name) in node.input.enumerated() where !name.isEmpty {
            switch value(name) {
            case .data?:
                guard let data = dataInput(position, index, allowPending: true, allowBlocks: true) else { return }
                guard data.pendingStep == nil, data.pendingPads == nil else {
                    return fail(position, "reads `\(name)`, a Pad or a one-axis spatial Slice gpath can only fold into a following Conv, pooling or second Slice")
                }
                parts.append(.data(data))
            case .constant(let constant)?: parts.append(.constant(name, constant))
            default: return
            }
        }
        let data = parts.compactMap { if case .data(let value) = $0 { value } else { nil } }
        guard let first = data.first else { return fail(position, "has no feature-map input", code: .wrongArity) }
        guard let axis = normalized(node.int("axis", default: 1), rank: first.rank), data.allSatisfy({ $0.rank == first.rank }) else {
            return fail(position, "concatenates tensors of different ranks or along axis \(node.int("axis", default: 1)), outside them")
        }
        if data.count == parts.count, let rolled = rolled(data, axis: axis, position) { return setOutput(position, rolled) }
        var realized: [Part] = []
        for part in parts {
            guard case .data(let value) = part, value.pendingCrop != nil else {
                realized.append(part)
                continue
            }
            guard let taken = realizedCrop(value) else { return }
            realized.append(.data(taken))
        }
        let roles = data.reduce(into: Set<ONNXFactor.Role>()) { $0.formUnion($1.roles(of: axis)) }
        if roles.contains(.position) && !roles.contains(.channel) {
            lowerTokenConcat(position, realized, axis: axis)
        } else {
            lowerChannelConcat(position, realized, axis: axis)
        }
    }

    /// Crops of one tensor along `axis` covering it once: the tensor with those positions
    /// permuted (the identity when the crops are in order).
    private mutating func rolled(_ data: [ONNXDataValue], axis: Int, _ position: Int) -> ONNXDataValue? {
        let crops = data.compactMap(\.pendingCrop)
        guard crops.count == data.count, crops.count > 1, let tensor = crops.first?.tensor,
              crops.allSatisfy({ $0.tensor == tensor && $0.axis == axis }),
              case .data(var source)? = values[tensor], let size = source.shape[axis] else { return nil }
        let covered = crops.flatMap { Array($0.range) }
        guard covered.sorted() == Array(0..<size) else { return nil }
        if covered != Array(0..<size), source.axes[axis].contains(where: { $0.role == .position }) { source.scrambledBy = position }
        return source
    }

    private mutating func lowerChannelConcat(_ position: Int, _ parts: [Part], axis: Int) {
        var laid: [ONNXDataValue] = []
        for part in parts {
            guard case .data(var value) = part else {
                return fail(position, "joins a constant to feature maps along their channels")
            }
            if value.roles(of: axis).contains(.position) {
                guard let converted = positionsToChannels(value, axis: axis, at: position) else { return }
                value = converted
            }
            guard let layout = channelLayout(value, axis: axis, position) else { return }
            laid.append(layout)
        }
        let first = laid[0]
        guard laid.allSatisfy({ $0.positionCount == first.positionCount }) else {
            return fail(position, "concatenates maps of different sizes (\(laid.map { ONNXShapes.describe($0.shape) }.joined(separator: ", ")))", code: .channelMismatch)
        }
        let target = map(of: first)
        var edges: [PlannedEdge] = []
        for (index, var value) in laid.enumerated() {
            if let target, map(of: value) != target { value = regrouped(value, to: target, position, label: "map\(index)") }
            edges += value.segments.map { PlannedEdge(segment: $0) }
        }
        let width = laid.reduce(0) { $0 + $1.width }
        var output = first
        output.axes[axis] = width > 1 ? [ONNXFactor(size: width, role: .channel, rank: [0])] : []
        output.shape[axis] = width
        planNode(position, op: .concat, channels: width, edges: edges, shape: output.shape, layout: output)
    }

    /// Along a position axis: one `concat_tokens`. Trainable constants among the parts (ViT's
    /// class token) become `learned` tensors.
    private mutating func lowerTokenConcat(_ position: Int, _ parts: [Part], axis: Int) {
        var laid: [ONNXDataValue?] = []
        for part in parts {
            guard case .data(let value) = part else {
                laid.append(nil)
                continue
            }
            let layout = ONNXDataValue.renumberedPositions(aligned(inMemoryChannelOrder(materialized(value, position)), position))
            guard layout.axes[axis].count <= 1 else {
                return fail(position, "concatenates along an axis of several position factors")
            }
            laid.append(layout)
        }
        guard let template = laid.compactMap({ $0 }).first else { return }
        let width = template.width
        guard laid.allSatisfy({ ($0?.width ?? width) == width }) else {
            return fail(position, "joins positions of tensors with \(laid.compactMap { $0.map { "\($0.width)" } }.joined(separator: " and ")) channels")
        }
        let outermost = laid.allSatisfy { value in
            guard let value, let factor = value.axes[axis].first else { return true }
            return value.factors(.position).first?.factor.rank == factor.rank
        }
        let widths = Set(laid.compactMap { $0.flatMap { map(of: $0)?.width } })
        let column = !outermost || widths.count > 1 || parts.contains { if case .constant = $0 { true } else { false } } && widths != [1]
        var edges: [PlannedEdge] = []
        var total = 0
        for (index, part) in parts.enumerated() {
            switch part {
            case .data:
                guard var value = laid[index] else { continue }
                if column, let map = map(of: value), map.width != 1 {
                    value = regrouped(value, to: Spatial(height: map.area, width: 1), position, label: "column\(index)")
                }
                edges.append(PlannedEdge(segment: single(value.segments, position)))
                total += value.shape[axis] ?? 1
            case .constant(let name, let constant):
                guard constant.fromInitializer, let count = constant.elementCount, width > 0, count % width == 0 else {
                    return fail(position, "joins the constant `\(name)` to feature maps; gpath lowers only a trainable initializer there (a class token)")
                }
                let node = learned(constant.initializer ?? name, channels: width, map: Spatial(height: count / width, width: 1))
                edges.append(PlannedEdge(segment: ONNXSegment(node: node, range: ChannelRange(0, width))))
                total += constant.dims.map { dims in axis - (template.rank - dims.count) >= 0 ? dims[axis - (template.rank - dims.count)] : 1 } ?? 1
            }
        }
        var output = template
        let rank = template.axes[axis].first?.rank ?? [-1]
        output.axes[axis] = total > 1 ? [ONNXFactor(size: total, role: .position, rank: rank)] : []
        output.shape[axis] = total
        output.axes = ONNXAxisAlgebra.renumbered(output.axes, .position)
        if !outermost { output.scrambledBy = position }
        planNode(position, op: .tokenConcat, channels: width, edges: edges, shape: output.shape, layout: output)
    }
}
