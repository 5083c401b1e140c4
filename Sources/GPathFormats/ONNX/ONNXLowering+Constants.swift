import GPathIR
import GPathDiagnostics

/// Constant folding: weights reached through `Constant`/`ConstantOfShape` nodes and the shape
/// arithmetic exporters emit (`Shape` → `Gather` → `Unsqueeze` → `Concat` → `Reshape`, and
/// Swin's pads, cyclic-shift bounds and attention mask).
///
/// Dims are tracked for every constant; values are decoded from the file (on demand) for
/// tensors of at most ``valueLimit`` elements and computed by folding for at most
/// ``foldLimit`` — weights are never read, and a larger computed tensor (Swin's
/// [1, 64, 1, 49, 49] mask) keeps its dims alone, which is all its consumers need.
extension ONNXLowering {
    /// Largest tensor whose values are decoded from the file.
    static let valueLimit = 1 << 16
    /// Largest tensor whose values are computed by folding: shapes, bounds and pads have a
    /// few elements; larger computed tensors (attention masks) keep their dims alone.
    static let foldLimit = 1 << 12

    /// ONNX element types holding integers (and bool).
    static let integerTypes: Set<Int> = [2, 3, 4, 5, 6, 7, 9, 12, 13]

    /// The element count of `dims` when every dim is non-negative and the count is at most
    /// ``foldLimit`` (values of such a tensor are computed); nil otherwise.
    static func foldable(_ dims: [Int]?) -> Int? {
        guard let dims, dims.allSatisfy({ $0 >= 0 }) else { return nil }
        let count = dims.reduce(1) { $0.saturatingMultiplied(by: $1) }
        return count <= foldLimit ? count : nil
    }

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
        numbers(constant)?.map(Self.clampedInteger)
    }

    static func clampedInteger(_ value: Double) -> Int {
        guard !value.isNaN else { return -ONNXNodeProto.attributeMagnitude }
        return Int(max(-Double(ONNXNodeProto.attributeMagnitude), min(Double(ONNXNodeProto.attributeMagnitude), value)))
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
        var result = folded(node, position, inputs)
        let sources = inputs.compactMap { $0 }.filter(\.fromInitializer)
        if node.opType != "Shape", !sources.isEmpty {
            result.fromInitializer = true
            result.initializer = sources.count == 1 ? sources[0].initializer : nil
        }
        if let values = result.values, let count = result.elementCount, values.count != count { result.values = nil }
        for output in node.output where !output.isEmpty { values[output] = .constant(result) }
    }

    private mutating func folded(_ node: ONNXNodeProto, _ position: Int, _ inputs: [ONNXConstant?]) -> ONNXConstant {
        let first = inputs.first.flatMap { $0 }
        switch node.opType {
        case "Constant":
            return constantAttribute(node, position)
        case "ConstantOfShape":
            let shape = first.flatMap { integers($0) }
            let tensor = model.attributeValue(node: position, named: "value")
            var result = ONNXConstant(dims: shape, isInteger: tensor.map { Self.integerTypes.contains(Int($0.dataType)) } ?? false)
            if let count = Self.foldable(shape) {
                let fill = tensor?.numbers?.first ?? 0
                result.values = Array(repeating: fill, count: count)
            }
            return result
        case "Identity", "Dropout":
            guard var result = first else { return ONNXConstant(dims: nil) }
            result.values = numbers(result)
            result.origin = .folded
            return result
        case "Cast":
            guard var result = first else { return ONNXConstant(dims: nil) }
            result.isInteger = Self.integerTypes.contains(node.int("to", default: 1))
            result.values = numbers(result).map { values in result.isInteger ? values.map { $0.rounded(.towardZero) } : values }
            result.origin = .folded
            return result
        case "Shape":
            guard let dims = first?.dims else { return ONNXConstant(dims: nil) }
            return ONNXConstant(dims: [dims.count], values: dims.map(Double.init), isInteger: true)
        case "Unsqueeze", "Squeeze", "Reshape", "Flatten":
            return reshapedConstant(node, first)
        case "Transpose":
            guard let first, let dims = first.dims else { return ONNXConstant(dims: nil) }
            let perm = node.ints("perm") ?? Array((0..<dims.count).reversed())
            guard perm.sorted() == Array(0..<dims.count) else { return ONNXConstant(dims: nil) }
            var result = ONNXConstant(dims: perm.map { dims[$0] }, isInteger: first.isInteger)
            result.values = numbers(first).map { ONNXTensorArithmetic.transpose(dims, $0, perm: perm) }
            return result
        case "Gather":
            return gatheredConstant(node, inputs)
        case "Concat":
            return concatenatedConstant(node, inputs)
        case "Slice":
            return slicedConstant(node, first)
        case "Expand":
            guard let first, let dims = first.dims, let shape = inputs.count > 1 ? inputs[1].flatMap({ integers($0) }) : nil,
                  let target = ONNXTensorArithmetic.broadcast(dims, shape) else { return ONNXConstant(dims: first?.dims, isInteger: first?.isInteger ?? false) }
            var result = ONNXConstant(dims: target, isInteger: first.isInteger)
            if Self.foldable(target) != nil, Self.foldable(dims) != nil, let values = numbers(first) {
                result.values = ONNXTensorArithmetic.broadcastIndices(from: dims, to: target).map { values[$0] }
            }
            return result
        case "Range":
            let parts = inputs.map { $0.flatMap { numbers($0)?.first } }
            guard parts.count == 3, let start = parts[0], let limit = parts[1], let delta = parts[2], delta != 0 else { return ONNXConstant(dims: nil) }
            let steps = ((limit - start) / delta).rounded(.up)
            guard steps.isFinite else { return ONNXConstant(dims: nil) }
            let count = Self.clampedInteger(max(0, steps))
            guard count <= Self.foldLimit else { return ONNXConstant(dims: [count], isInteger: first?.isInteger ?? false) }
            return ONNXConstant(dims: [count], values: (0..<count).map { start + Double($0) * delta }, isInteger: first?.isInteger ?? false)
        case "ScatterND":
            guard let first, let dims = first.dims else { return ONNXConstant(dims: nil) }
            var result = ONNXConstant(dims: dims, isInteger: first.isInteger)
            if inputs.count == 3, let data = numbers(first), let indexConstant = inputs[1], let indexDims = indexConstant.dims,
               let indices = integers(indexConstant), let updates = inputs[2].flatMap({ numbers($0) }) {
                result.values = ONNXTensorArithmetic.scatterND(dims, data, indexDims: indexDims, indices: indices, updates: updates)
            }
            return result
        case "Where":
            return elementwiseConstant(node.opType, inputs, integer: inputs.count > 1 ? inputs[1]?.isInteger ?? false : false) { $0[0] != 0 ? $0[1] : $0[2] }
        default:
            let integer = inputs.allSatisfy { $0?.isInteger ?? false }
            if let f = ONNXTensorArithmetic.binary(node.opType, integer: integer), inputs.count == 2 {
                let comparison = ["Equal", "Less", "LessOrEqual", "Greater", "GreaterOrEqual", "And", "Or"].contains(node.opType)
                return elementwiseConstant(node.opType, inputs, integer: integer || comparison) { f($0[0], $0[1]) }
            }
            if let f = ONNXTensorArithmetic.unary(node.opType) {
                return elementwiseConstant(node.opType, inputs, integer: integer || node.opType == "Not") { f($0[0]) }
            }
            // Other all-constant nodes (a quantized weight…) keep the first input's dims when
            // they look shape-preserving; values are unknown.
            return ONNXConstant(dims: first?.dims, isInteger: first?.isInteger ?? false)
        }
    }

    private func constantAttribute(_ node: ONNXNodeProto, _ position: Int) -> ONNXConstant {
        if let tensor = node.attribute("value"), tensor.hasT {
            return ONNXConstant(
                dims: tensor.t.dims.map { Int(clamping: $0) }, origin: .attribute(node: position, name: "value"),
                isInteger: Self.integerTypes.contains(Int(tensor.t.dataType)))
        }
        if let attribute = node.attribute("value_int") { return ONNXConstant(dims: [], values: [Double(attribute.i)], isInteger: true) }
        if let ints = node.ints("value_ints") { return ONNXConstant(dims: [ints.count], values: ints.map(Double.init), isInteger: true) }
        if let attribute = node.attribute("value_float") { return ONNXConstant(dims: [], values: [Double(attribute.f)]) }
        if let floats = node.floats("value_floats") { return ONNXConstant(dims: [floats.count], values: floats) }
        return ONNXConstant(dims: nil)
    }

    private mutating func reshapedConstant(_ node: ONNXNodeProto, _ input: ONNXConstant?) -> ONNXConstant {
        guard let input, let dims = input.dims else { return ONNXConstant(dims: nil) }
        var result = ONNXConstant(dims: nil, values: numbers(input), isInteger: input.isInteger)
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
            result.dims = ONNXShapes.reshape(dims.map { Optional($0) }, to: target, allowZero: node.int("allowzero", default: 0) != 0)?.map { $0 ?? 1 }
        }
        return result
    }

    private mutating func gatheredConstant(_ node: ONNXNodeProto, _ inputs: [ONNXConstant?]) -> ONNXConstant {
        guard inputs.count == 2, let data = inputs[0], let indices = inputs[1], let dims = data.dims,
              let axis = normalized(node.int("axis", default: 0), rank: dims.count),
              let indexDims = indices.dims else { return ONNXConstant(dims: nil) }
        var result = ONNXConstant(dims: ONNXTensorArithmetic.gatherDims(dims, indices: indexDims, axis: axis), isInteger: data.isInteger)
        if Self.foldable(result.dims) != nil, Self.foldable(dims) != nil, let values = numbers(data), let picks = integers(indices) {
            result.values = ONNXTensorArithmetic.gather(dims, values, indices: picks, axis: axis)
        }
        return result
    }

    private mutating func concatenatedConstant(_ node: ONNXNodeProto, _ inputs: [ONNXConstant?]) -> ONNXConstant {
        let parts = inputs.compactMap { $0 }
        let dims = parts.compactMap(\.dims)
        guard dims.count == parts.count, let first = dims.first, dims.allSatisfy({ $0.count == first.count }),
              let axis = normalized(node.int("axis", default: 0), rank: first.count) else { return ONNXConstant(dims: nil) }
        var joined = first
        joined[axis] = dims.reduce(0) { $0 + $1[axis] }
        var result = ONNXConstant(dims: joined, isInteger: parts.allSatisfy(\.isInteger))
        if Self.foldable(joined) != nil, dims.allSatisfy({ Self.foldable($0) != nil }) {
            let pieces = parts.map { numbers($0) }
            if pieces.allSatisfy({ $0 != nil }) {
                result.values = ONNXTensorArithmetic.concat(zip(dims, pieces).map { ($0, $1 ?? []) }, axis: axis)
            }
        }
        return result
    }

    private mutating func slicedConstant(_ node: ONNXNodeProto, _ input: ONNXConstant?) -> ONNXConstant {
        guard let input, let dims = input.dims,
              let starts = node.ints("starts") ?? integerInput(node, 1),
              let ends = node.ints("ends") ?? integerInput(node, 2), starts.count == ends.count else { return ONNXConstant(dims: nil) }
        let axes = node.ints("axes") ?? integerInput(node, 3) ?? Array(0..<starts.count)
        let steps = integerInput(node, 4) ?? Array(repeating: 1, count: starts.count)
        guard axes.count == starts.count, steps.count == starts.count, !steps.contains(0) else { return ONNXConstant(dims: nil) }
        var positions = dims.map { Array(0..<$0) }
        for index in starts.indices {
            guard let axis = normalized(axes[index], rank: dims.count) else { return ONNXConstant(dims: nil) }
            positions[axis] = Self.slicePositions(start: starts[index], end: ends[index], step: steps[index], size: dims[axis])
        }
        var result = ONNXConstant(dims: positions.map(\.count), isInteger: input.isInteger)
        if let values = numbers(input) { result.values = ONNXTensorArithmetic.slice(dims, values, positions: positions) }
        return result
    }

    /// An element-wise op of broadcast operands: dims always, values when every operand's
    /// values are known and the result is small.
    private mutating func elementwiseConstant(
        _ op: String, _ inputs: [ONNXConstant?], integer: Bool, _ f: ([Double]) -> Double
    ) -> ONNXConstant {
        let operands = inputs.compactMap { $0 }
        guard operands.count == inputs.count, !operands.isEmpty else { return ONNXConstant(dims: nil) }
        var dims = operands[0].dims
        for operand in operands.dropFirst() {
            dims = dims.flatMap { d in operand.dims.flatMap { ONNXTensorArithmetic.broadcast(d, $0) } }
        }
        var result = ONNXConstant(dims: dims, isInteger: integer)
        guard Self.foldable(dims) != nil else { return result }
        var pairs: [(dims: [Int], values: [Double])] = []
        for operand in operands {
            guard let operandDims = operand.dims, let values = numbers(operand), Self.foldable(operandDims) == values.count else { return result }
            pairs.append((operandDims, values))
        }
        result.values = ONNXTensorArithmetic.elementwise(pairs, f).map { integer ? $0.map { $0.rounded(.towardZero) } : $0 }
        return result
    }

    /// `axis` made non-negative for a tensor of `rank`, or nil when out of range.
    func normalized(_ axis: Int, rank: Int) -> Int? {
        let value = axis < 0 ? axis + rank : axis
        return (0..<max(rank, 1)).contains(value) ? value : nil
    }
}
