/// Compares an analytic gradient with central finite differences.
///
/// For each checked coordinate i: f₊ = f(x + h·eᵢ), f₋ = f(x − h·eᵢ), numeric = (f₊ − f₋)/2h.
/// It passes when |analytic − numeric| ≤ atol + rtol·max(|analytic|, |numeric|).
///
/// Tolerance, for float32: the central difference's truncation error is h²·|f‴|/6 (≈10⁻⁵ for
/// h = 10⁻² and smooth ops with O(1) inputs); the rounding error of the two evaluations is
/// about ε·|f|/h with ε ≈ 10⁻⁶ (float32 rounding accumulated over a short sum), i.e. ≈10⁻⁴ for
/// |f| ≈ 1. The defaults rtol = 10⁻², atol = 10⁻³ sit an order of magnitude above both, and
/// far below the error of any wrong gradient (a wrong sign, index or factor is O(|g|)).
///
/// Kinks (ReLU at 0, a max-pool tie) within ±h break the central difference. A coordinate
/// that fails while its one-sided differences (f₊ − f)/h and (f − f₋)/h disagree and bracket
/// the analytic value is counted as non-smooth instead of failed; callers bound how many may
/// be (per-op checks place inputs away from kinks and allow none).
public struct GradientCheck: Sendable {
    public var step: Float
    public var relativeTolerance: Double
    public var absoluteTolerance: Double

    public init(step: Float = 1e-2, relativeTolerance: Double = 1e-2, absoluteTolerance: Double = 1e-3) {
        self.step = step
        self.relativeTolerance = relativeTolerance
        self.absoluteTolerance = absoluteTolerance
    }

    /// One coordinate outside the tolerance.
    public struct Mismatch: Sendable, CustomStringConvertible {
        public let index: Int
        public let analytic: Double
        public let numeric: Double

        public var description: String { "[\(index)] analytic \(analytic) vs numeric \(numeric)" }
    }

    /// The outcome over the checked coordinates.
    public struct Report: Sendable, CustomStringConvertible {
        public var checked = 0
        public var nonSmooth = 0
        public var mismatches: [Mismatch] = []
        /// Largest |analytic − numeric| / max(|analytic|, |numeric|, atol) over smooth coordinates.
        public var worstRelativeError = 0.0

        public var passed: Bool { mismatches.isEmpty }

        public var description: String {
            "\(checked) checked, \(nonSmooth) non-smooth, \(mismatches.count) mismatches, worst relative error \(worstRelativeError)"
                + (mismatches.isEmpty ? "" : ": " + mismatches.prefix(5).map(\.description).joined(separator: "; "))
        }
    }

    /// Checks `analytic` at coordinates `indices` of `point` against differences of `loss`.
    public func run(point: [Float], analytic: [Float], indices: [Int], loss: ([Float]) throws -> Double) rethrows -> Report {
        var report = Report()
        var x = point
        let center = try loss(x)
        let h = Double(step)
        for i in indices {
            let original = x[i]
            x[i] = original + step
            let plus = try loss(x)
            x[i] = original - step
            let minus = try loss(x)
            x[i] = original
            let numeric = (plus - minus) / (2 * h)
            let a = Double(analytic[i])
            let allowed = absoluteTolerance + relativeTolerance * max(abs(a), abs(numeric))
            let right = (plus - center) / h
            let left = (center - minus) / h
            report.checked += 1
            let error = abs(a - numeric)
            if error > allowed {
                // A kink within ±h: the one-sided slopes straddle the analytic value.
                if abs(right - left) > 2 * allowed, min(left, right) - allowed <= a, a <= max(left, right) + allowed {
                    report.nonSmooth += 1
                    continue
                }
                report.mismatches.append(Mismatch(index: i, analytic: a, numeric: numeric))
            }
            report.worstRelativeError = max(report.worstRelativeError, error / max(abs(a), abs(numeric), absoluteTolerance))
        }
        return report
    }

    /// Checks every parameter gradient of `network` on one batch (training mode), at up to
    /// `perParameter` evenly spread coordinates of each parameter tensor. The objective is the
    /// sum of the losses; BN uses batch statistics, dropout a fixed seed.
    public func run(network: Network, inputs: [Tensor], labels: [Int], perParameter: Int = 6) throws -> [String: Report] {
        try network.forward(inputs, labels: labels, mode: .training, randomSeed: 7)
        network.backward()
        var reports: [String: Report] = [:]
        let store = network.parameters
        for index in store.parameters.indices {
            let p = store.parameters[index]
            let stride = max(1, p.value.count / perParameter)
            let indices = Array(Swift.stride(from: 0, to: p.value.count, by: stride).prefix(perParameter))
            let analytic = p.gradient
            reports[p.name] = try run(point: p.value, analytic: analytic, indices: indices) { values in
                store.parameters[index].value = values
                try network.forward(inputs, labels: labels, mode: .training, randomSeed: 7)
                return network.totalLoss
            }
            store.parameters[index].value = p.value
        }
        return reports
    }
}
