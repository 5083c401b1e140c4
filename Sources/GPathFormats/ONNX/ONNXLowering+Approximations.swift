import GPathDiagnostics
import GPathIR

/// A way an ONNX form is imported that is not exact in every respect (W232). None of them
/// changes a gradient path, a channel unit, a parameter or a MAC; each is listed so a reader
/// of the lowered graph knows where its positions are not the ONNX ones.
enum ONNXApproximation: Int, Comparable, CaseIterable {
    /// Positions permuted (a cyclic shift, a window partition or reverse) and then re-based by
    /// an IR `reshape`, whose positions stay in row-major order.
    case positionPermutation
    /// A strided Slice starting past 0 (`x[1::2]`) lowered as a 1×1 max-pool of that stride,
    /// which starts at 0.
    case subsampleOffset

    static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    /// What the warning says about the listed nodes.
    var summary: String {
        switch self {
        case .positionPermutation:
            "position permutations (cyclic shift, window partition or reverse) re-based as `reshape` nodes"
        case .subsampleOffset:
            "strided slices with an offset (`x[1::2]`) taken as 1x1 max-pools, which start at 0"
        }
    }

    /// Why it does not matter for the analysis.
    var note: String {
        switch self {
        case .positionPermutation:
            "each channel keeps its values, so gradient paths, units, params and MACs are exact; the IR map lists positions in row-major order, not the permuted one"
        case .subsampleOffset:
            "each channel is subsampled alike, so gradient paths, units, params and MACs are exact; only which positions are kept differs"
        }
    }
}

extension ONNXLowering {
    /// Records that node `name` was imported with `approximation`.
    mutating func approximate(_ name: String, _ approximation: ONNXApproximation) {
        approximations[approximation, default: []].append(name)
    }

    /// One W232 warning per kind of approximation, naming the nodes.
    mutating func reportApproximations() {
        for kind in approximations.keys.sorted() {
            let names = approximations[kind] ?? []
            let shown = names.prefix(3).map { "`\($0)`" }.joined(separator: ", ")
            let rest = names.count > 3 ? " and \(names.count - 3) more" : ""
            report(Diagnostic(
                .approximateImport,
                "\(names.count) node\(names.count == 1 ? "" : "s") imported approximately: \(kind.summary) (\(shown)\(rest))",
                at: location, notes: [kind.note]))
        }
    }
}
