import GPathIR
import GPathDiagnostics

/// Constant folding: weights reached through `Constant`/`ConstantOfShape` nodes and the shape
/// arithmetic exporters emit (`Shape` → `Gather` → `Unsqueeze` → `Concat` → `Reshape`).
///
/// Only dims are tracked for every constant; values are decoded (from the file, on demand) or
/// computed only for tensors of at most ``valueLimit`` elements — weights are never read.
extension ONNXLowering {
    /// Largest tensor whose values are decoded or folded.
    static let valueLimit = 1 << 16

    /// The values of `constant`, decoding them from the file the first time.
    mutating func numbers(_ constant: ONNXConstant) -> [Double]? {
        if let values = constant.values { return values }
        guard let count = constant.elementCount, count <= Self.valueLimit else { return nil }
        switch constant.origin {
        case .initializer(let position): return model.initializerValue(at: position)?.numbers
        case .attribute(let node, let name): return model.attributeValue(node: node, named: name)?.numbers
        case .folded: return nil
        }
    }

    /// Integer values of `constant`. Values beyond ±2^31 (INT64_MAX-style sentinels, sizes no
    /// model has) clamp to ±2^31, above every limit checked later, so sums and products of a few
    /// cannot overflow; NaN becomes −2^31, which every size check rejects.
    mutating func integers(_ constant: ONNXConstant) -> [Int]? {
        numbers(constant)?.map { value in
            guard !value.isNaN else { return -ONNXNodeProto.attributeMagnitude }
            return Int(max(-Double(ONNXNodeProto.attributeMagnitude), min(Double(ONNXNodeProto.attributeMagnitude), value)))
        }
    }

    /// The constant at input `position` of `node`, if it is one.
    func constantInput(_ node: ONNXNodeProto, _ position: Int) -> ONNXConstant? {
        guard let name = node.input(at: position), case .constant(let constant)? = values[name] else { return nil }
        return constant
    }

    /// Integer values of input `position`, or nil (absent, not constant, or not decodable).
    mutating func integerInput(_ node: ONNXNodeProto, _ position: Int) -> [Int]? {
        constantInput(node, position).flatMap { integers($0) }
    }

    /// Folds node `position`, whose inputs are all constants (or which has none).
    mutating func fold(_ position: Int) {
        let node = graph.node[position]
        let inputs = node.input.map { name -> ONNXConstant? in
            guard !name.isEmpty, case .constant(let constant)? = values[name] else { return nil }
            return constant
        }
        var result = ONNXConstant(dims: nil)
        switch node.opType {
        case "Constant":
            result = constantAttribute(node, position)
        case "ConstantOfShape":
            let shape = inputs.first.flatMap { $0 }.flatMap { integers($0) }
            result.dims = shape
            if let shape, shape.allSatisfy({ $0 >= 0 }), shape.reduce(1, { $0.saturatingMultiplied(by: $1) }) <= Self.valueLimit {
                let fill = model.attributeValue(node: position, named: "value")?.numbers?.first ?? 0
                result.values = Array(repeating: fill, count: shape.reduce(1) { $0.saturatingMultiplied(by: $1) })
            }
        case "Identity", "Cast", "Dropout":
            result = inputs.first.flatMap { $0 } ?? result
            result.origin = .folded
            if result.values == nil, let first = inputs.first.flatMap({ $0 }) { result.values = numbers(first) }
        case "Unsqueeze", "Squeeze", "Reshape", "Flatten":
            result = reshapedConstant(node, inputs.first.flatMap { $0 })
        case "Transpose":
            let dims = inputs.first.flatMap { $0 }?.dims
            let perm = node.ints("perm") ?? dims.map { Array((0..<$0.count).reversed()) }
            if let dims, let perm, perm.sorted() == Array(0..<dims.count) { result.dims = perm.map { dims[$0] } }
        case "Gather":
            result = gatheredConstant(node, inputs)
        case "Concat":
            let parts = inputs.compactMap { $0 }
            let dims = parts.compactMap(\.dims)
            if dims.count == parts.count, let first = dims.first {
                let axis = normalized(node.int("axis", default: 0), rank: first.count)
                var joined = first
                if let axis { joined[axis] = dims.reduce(0) { $0 + ($1.count > axis ? $1[axis] : 0) } }
                result.dims = joined
                if first.count == 1 {
                    let pieces = parts.map { numbers($0) }
                    if pieces.allSatisfy({ $0 != nil }) { result.values = pieces.flatMap { $0 ?? [] } }
                }
            }
        case "Add", "Sub", "Mul", "Div":
            result = elementwiseConstant(node.opType, inputs)
        default:
            // Other all-constant nodes (a transposed or quantized weight…) keep the first
            // input's dims when they look shape-preserving; values are unknown.
            result.dims = inputs.first.flatMap { $0 }?.dims
        }
        for output in node.output where !output.isEmpty { values[output] = .constant(result) }
    }

    private func constantAttribute(_ node: ONNXNodeProto, _ position: Int) -> ONNXConstant {
        if let tensor = node.attribute("value"), tensor.hasT {
            return ONNXConstant(dims: tensor.t.dims.map { Int(clamping: $0) }, origin: .attribute(node: position, name: "value"))
        }
        if let attribute = node.attribute("value_int") { return ONNXConstant(dims: [], values: [Double(attribute.i)]) }
        if let ints = node.ints("value_ints") { return ONNXConstant(dims: [ints.count], values: ints.map(Double.init)) }
        if let attribute = node.attribute("value_float") { return ONNXConstant(dims: [], values: [Double(attribute.f)]) }
        if let floats = node.floats("value_floats") { return ONNXConstant(dims: [floats.count], values: floats) }
        return ONNXConstant(dims: nil)
    }

    private mutating func reshapedConstant(_ node: ONNXNodeProto, _ input: ONNXConstant?) -> ONNXConstant {
        guard let input, let dims = input.dims else { return ONNXConstant(dims: nil) }
        var result = ONNXConstant(dims: nil, values: numbers(input))
        switch node.opType {
        case "Unsqueeze":
            guard let axes = node.ints("axes") ?? integerInput(node, 1) else { return result }
            var shape = dims
            for axis in axes.map({ $0 < 0 ? $0 + dims.count + axes.count : $0 }).sorted() where axis <= shape.count {
                shape.insert(1, at: max(0, axis))
            }
            result.dims = shape
        case "Squeeze":
            let axes = (node.ints("axes") ?? integerInput(node, 1)).map { $0.map { $0 < 0 ? $0 + dims.count : $0 } }
            result.dims = dims.enumerated().filter { pair in
                if let axes { return !axes.contains(pair.offset) }
                return pair.element != 1
            }.map(\.element)
        case "Flatten":
            let axis = normalized(node.int("axis", default: 1), rank: dims.count + 1) ?? 1
            result.dims = [dims.prefix(axis).reduce(1) { $0.saturatingMultiplied(by: $1) }, dims.dropFirst(axis).reduce(1) { $0.saturatingMultiplied(by: $1) }]
        default:
            guard let target = integerInput(node, 1) else { return result }
            result.dims = ONNXShapes.reshape(dims.map { Optional($0) }, to: target)?.map { $0 ?? 1 }
        }
        return result
    }

    private mutating func gatheredConstant(_ node: ONNXNodeProto, _ inputs: [ONNXConstant?]) -> ONNXConstant {
        guard inputs.count == 2, let data = inputs[0], let indices = inputs[1], let dims = data.dims,
              let axis = normalized(node.int("axis", default: 0), rank: dims.count),
              let indexDims = indices.dims else { return ONNXConstant(dims: nil) }
        var result = ONNXConstant(dims: Array(dims[..<axis]) + indexDims + Array(dims[(axis + 1)...]))
        if dims.count == 1, let values = numbers(data), let picks = integers(indices) {
            let picked = picks.map { values.indices.contains($0 < 0 ? $0 + values.count : $0) ? values[$0 < 0 ? $0 + values.count : $0] : nil }
            if picked.allSatisfy({ $0 != nil }) { result.values = picked.compactMap { $0 } }
        }
        return result
    }

    private mutating func elementwiseConstant(_ op: String, _ inputs: [ONNXConstant?]) -> ONNXConstant {
        guard inputs.count == 2, let a = inputs[0], let b = inputs[1] else { return ONNXConstant(dims: nil) }
        let dims = (a.elementCount ?? 0) >= (b.elementCount ?? 0) ? a.dims : b.dims
        var result = ONNXConstant(dims: dims)
        if let x = numbers(a), let y = numbers(b), !x.isEmpty, !y.isEmpty, x.count == y.count || x.count == 1 || y.count == 1 {
            let count = max(x.count, y.count)
            result.values = (0..<count).map { index in
                let (p, q) = (x[x.count == 1 ? 0 : index], y[y.count == 1 ? 0 : index])
                switch op {
                case "Add": return p + q
                case "Sub": return p - q
                case "Mul": return p * q
                default:
                    guard q != 0 else { return 0 }
                    return p == p.rounded() && q == q.rounded() ? (p / q).rounded(.towardZero) : p / q
                }
            }
        }
        return result
    }

    /// `axis` made non-negative for a tensor of `rank`, or nil when out of range.
    func normalized(_ axis: Int, rank: Int) -> Int? {
        let value = axis < 0 ? axis + rank : axis
        return (0..<max(rank, 1)).contains(value) ? value : nil
    }
}
