import Foundation

/// Shape arithmetic on small constant tensors (row-major values with their dims), as the
/// ONNX operator definitions describe it: numpy broadcasting, Gather, Slice, Transpose,
/// Concat, Expand, Range, Where, ScatterND. Used only for tensors of at most
/// ``ONNXLowering/foldLimit`` elements; every function also has a dims-only counterpart so a
/// large constant (Swin's attention mask) keeps its shape without its values.
enum ONNXTensorArithmetic {
    /// The numpy broadcast of `a` and `b`, or nil when they do not broadcast.
    static func broadcast(_ a: [Int], _ b: [Int]) -> [Int]? {
        let rank = max(a.count, b.count)
        let x = Array(repeating: 1, count: rank - a.count) + a
        let y = Array(repeating: 1, count: rank - b.count) + b
        var result: [Int] = []
        for (p, q) in zip(x, y) {
            guard p == q || p == 1 || q == 1 else { return nil }
            result.append(p == 1 ? q : p)
        }
        return result
    }

    /// Row-major strides of `dims`.
    static func strides(_ dims: [Int]) -> [Int] {
        var result = Array(repeating: 1, count: dims.count)
        var running = 1
        for axis in dims.indices.reversed() {
            result[axis] = running
            running *= dims[axis]
        }
        return result
    }

    /// For every element of `output` (row-major), the index into a tensor of `dims` that
    /// broadcasts to it.
    static func broadcastIndices(from dims: [Int], to output: [Int]) -> [Int] {
        let padded = Array(repeating: 1, count: output.count - dims.count) + dims
        let source = strides(padded)
        let count = output.reduce(1, *)
        let target = strides(output)
        return (0..<count).map { flat in
            var index = 0
            for axis in output.indices where padded[axis] != 1 {
                index += (flat / target[axis]) % output[axis] * source[axis]
            }
            return index
        }
    }

    /// An element-wise function of several broadcast operands.
    static func elementwise(_ operands: [(dims: [Int], values: [Double])], _ f: ([Double]) -> Double) -> [Double]? {
        guard var dims = operands.first?.dims else { return nil }
        for operand in operands.dropFirst() {
            guard let joined = broadcast(dims, operand.dims) else { return nil }
            dims = joined
        }
        let maps = operands.map { broadcastIndices(from: $0.dims, to: dims) }
        let count = dims.reduce(1, *)
        var arguments = Array(repeating: 0.0, count: operands.count)
        var result: [Double] = []
        result.reserveCapacity(count)
        for index in 0..<count {
            for operand in operands.indices { arguments[operand] = operands[operand].values[maps[operand][index]] }
            result.append(f(arguments))
        }
        return result
    }

    /// Binary op `name` (Add, Sub, Mul, Div, Mod, Pow, comparisons, Min, Max, And, Or) on
    /// numbers; integer division truncates, as ONNX integer Div does.
    static func binary(_ name: String, integer: Bool) -> ((Double, Double) -> Double)? {
        switch name {
        case "Add": return (+)
        case "Sub": return (-)
        case "Mul": return (*)
        case "Div": return { p, q in q == 0 ? 0 : integer ? (p / q).rounded(.towardZero) : p / q }
        case "Mod": return { p, q in
            guard q != 0 else { return 0 }
            let r = p.truncatingRemainder(dividingBy: q)
            return r != 0 && (r < 0) != (q < 0) ? r + q : r
        }
        case "Pow": return { pow($0, $1) }
        case "Equal": return { $0 == $1 ? 1 : 0 }
        case "Less": return { $0 < $1 ? 1 : 0 }
        case "LessOrEqual": return { $0 <= $1 ? 1 : 0 }
        case "Greater": return { $0 > $1 ? 1 : 0 }
        case "GreaterOrEqual": return { $0 >= $1 ? 1 : 0 }
        case "Min": return { Swift.min($0, $1) }
        case "Max": return { Swift.max($0, $1) }
        case "And": return { $0 != 0 && $1 != 0 ? 1 : 0 }
        case "Or": return { $0 != 0 || $1 != 0 ? 1 : 0 }
        default: return nil
        }
    }

    /// Unary op `name` on numbers.
    static func unary(_ name: String) -> ((Double) -> Double)? {
        switch name {
        case "Not": return { $0 == 0 ? 1 : 0 }
        case "Sqrt": return { $0.squareRoot() }
        case "Neg": return { -$0 }
        case "Abs": return { Swift.abs($0) }
        case "Floor": return { $0.rounded(.down) }
        case "Ceil": return { $0.rounded(.up) }
        case "Reciprocal": return { $0 == 0 ? 0 : 1 / $0 }
        case "Relu": return { Swift.max(0, $0) }
        default: return nil
        }
    }

    /// Dims of `Gather(data, indices, axis)`.
    static func gatherDims(_ dims: [Int], indices: [Int], axis: Int) -> [Int] {
        Array(dims[..<axis]) + indices + Array(dims[(axis + 1)...])
    }

    /// `Gather` along `axis` (negative indices count from the end); nil when one is out of range.
    static func gather(_ dims: [Int], _ values: [Double], indices: [Int], axis: Int) -> [Double]? {
        let outer = dims[..<axis].reduce(1, *)
        let inner = dims[(axis + 1)...].reduce(1, *)
        let size = dims[axis]
        var result: [Double] = []
        for o in 0..<outer {
            for raw in indices {
                let i = raw < 0 ? raw + size : raw
                guard (0..<size).contains(i) else { return nil }
                let base = (o * size + i) * inner
                result += values[base..<base + inner]
            }
        }
        return result
    }

    /// `Transpose` by `perm`.
    static func transpose(_ dims: [Int], _ values: [Double], perm: [Int]) -> [Double] {
        let output = perm.map { dims[$0] }
        let source = strides(dims)
        let target = strides(output)
        return (0..<values.count).map { flat in
            var index = 0
            for axis in output.indices { index += (flat / target[axis]) % output[axis] * source[perm[axis]] }
            return values[index]
        }
    }

    /// `Slice`: the positions taken along each axis (see ``ONNXLowering/slicePositions``).
    static func slice(_ dims: [Int], _ values: [Double], positions: [[Int]]) -> [Double] {
        let source = strides(dims)
        var result: [Double] = []
        func walk(_ axis: Int, _ base: Int) {
            if axis == dims.count {
                result.append(values[base])
                return
            }
            for p in positions[axis] { walk(axis + 1, base + p * source[axis]) }
        }
        walk(0, 0)
        return result
    }

    /// `Concat` along `axis` of parts with equal dims elsewhere.
    static func concat(_ parts: [(dims: [Int], values: [Double])], axis: Int) -> [Double] {
        guard let first = parts.first else { return [] }
        let outer = first.dims[..<axis].reduce(1, *)
        var result: [Double] = []
        for o in 0..<outer {
            for part in parts {
                let chunk = part.dims[axis...].reduce(1, *)
                result += part.values[o * chunk..<(o + 1) * chunk]
            }
        }
        return result
    }

    /// `ScatterND(data, indices, updates)` with indices' last axis addressing whole slices.
    static func scatterND(_ dims: [Int], _ values: [Double], indexDims: [Int], indices: [Int], updates: [Double]) -> [Double]? {
        guard let depth = indexDims.last, depth <= dims.count else { return nil }
        let slice = dims[depth...].reduce(1, *)
        let source = strides(dims)
        var result = values
        let count = indices.count / max(depth, 1)
        guard updates.count == count * slice else { return nil }
        for entry in 0..<count {
            var base = 0
            for axis in 0..<depth {
                var i = indices[entry * depth + axis]
                if i < 0 { i += dims[axis] }
                guard (0..<dims[axis]).contains(i) else { return nil }
                base += i * source[axis]
            }
            for k in 0..<slice { result[base + k] = updates[entry * slice + k] }
        }
        return result
    }
}
