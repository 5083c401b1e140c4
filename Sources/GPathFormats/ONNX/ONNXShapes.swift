import GPathIR

/// Shape arithmetic of the ONNX operator definitions (Operators.md), as pure functions.
///
/// Symbolic dims are nil. The batch dimension is treated as 1 wherever arithmetic needs a
/// number: gpath analyses one sample.
enum ONNXShapes {
    /// `Reshape`'s target: 0 copies the input dim, −1 takes what is left (at most one).
    /// Nil when the target is inconsistent with the input's element count.
    static func reshape(_ dims: [Int?], to target: [Int], allowZero: Bool = false) -> [Int?]? {
        let known = dims.enumerated().map { $0.offset == 0 ? ($0.element ?? 1) : $0.element }
        guard !known.contains(where: { $0 == nil }) else { return nil }
        let total = known.reduce(1) { $0.saturatingMultiplied(by: $1 ?? 1) }
        var result: [Int] = []
        var inferred: Int?
        for (index, value) in target.enumerated() {
            if value == 0 && !allowZero {
                guard index < known.count, let copied = known[index] else { return nil }
                result.append(copied)
            } else if value == -1 {
                guard inferred == nil else { return nil }
                inferred = index
                result.append(1)
            } else if value < 0 {
                return nil
            } else {
                result.append(value)
            }
        }
        let product = result.reduce(1) { $0.saturatingMultiplied(by: $1) }
        if let inferred {
            guard product > 0, total % product == 0 else { return nil }
            result[inferred] = total / product
        } else if product != total {
            return nil
        }
        return result.map { Optional($0) }
    }

    /// Output size of a convolution or pooling window along one axis (ONNX semantics,
    /// including `auto_pad` and `ceil_mode`). `padBegin`/`padEnd` are ignored for `SAME_*`.
    static func windowOutput(
        input: Int, kernel: Int, stride: Int, dilation: Int, padBegin: Int, padEnd: Int,
        autoPad: String, ceilMode: Bool
    ) -> Int {
        let span = dilation * (kernel - 1) + 1
        switch autoPad {
        case "SAME_UPPER", "SAME_LOWER":
            return (input + stride - 1) / stride
        case "VALID":
            return (input - span) / stride + 1
        default:
            let numerator = input + padBegin + padEnd - span
            guard numerator >= 0 else { return 0 }
            if ceilMode {
                var out = (numerator + stride - 1) / stride + 1
                // The last window must start inside the input or the left padding.
                if (out - 1) * stride >= input + padBegin { out -= 1 }
                return out
            }
            return numerator / stride + 1
        }
    }

    /// A symmetric padding for gpath's square window with which `size(input, padding)`
    /// equals `expected` for every `(input, expected)` pair, trying the ONNX begin padding
    /// first. The IR keeps one padding per layer; asymmetric ONNX pads (`SAME_UPPER` with
    /// stride 2, TF exports) and `ceil_mode` become the symmetric padding with the same output
    /// size, so shapes and MACs stay exact.
    static func equivalentPadding(
        preferred: Int, limit: Int, pairs: [(input: Int, expected: Int)], size: (Int, Int) -> Int
    ) -> Int? {
        let candidates = [preferred] + Array(0...max(limit, 0)).filter { $0 != preferred }
        return candidates.first { padding in pairs.allSatisfy { size($0.input, padding) == $0.expected } }
    }

    /// `[a, b, c]` rendered for messages.
    static func describe(_ dims: [Int?]) -> String {
        "[\(dims.map { $0.map(String.init) ?? "?" }.joined(separator: ", "))]"
    }
}
