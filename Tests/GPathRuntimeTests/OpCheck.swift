import GPathIR
import GPathRuntime
import Testing

/// Helpers for per-op gradient checks: a random point, a random projection loss
/// L(x) = Σᵢ rᵢ·f(x)ᵢ (accumulated in Double, so the loss itself adds little rounding), and
/// ∂L/∂y = r fed to the op's backward.
enum OpCheck {
    /// The tolerance every per-op check uses: h = 10⁻², rtol = 10⁻², atol = 10⁻³ on O(1) inputs
    /// (see `GradientCheck` for why these bound float32 truncation and rounding error).
    static let check = GradientCheck(step: 1e-2, relativeTolerance: 1e-2, absoluteTolerance: 1e-3)

    /// Uniform values in [−1, 1]; with `margin`, values are pushed at least `margin` away from
    /// 0 (for ops with a kink at 0) and from each other is not needed.
    static func tensor(_ shape: TensorShape, seed: UInt64, margin: Float = 0) -> Tensor {
        var random = SeededRandom(seed: seed)
        var t = Tensor(zeros: shape)
        for i in 0..<t.count {
            var v = Float(random.uniform(-1, 1))
            if margin > 0, abs(v) < margin { v = v < 0 ? v - margin : v + margin }
            t.storage[i] = v
        }
        return t
    }

    /// Distinct values (a random permutation of an evenly spaced grid 0.05 apart): max pooling
    /// has no ties within ±h.
    static func distinct(_ shape: TensorShape, seed: UInt64) -> Tensor {
        var random = SeededRandom(seed: seed)
        let values = (0..<shape.count).map { Float($0) * 0.05 - Float(shape.count) * 0.025 }.shuffled(using: &random)
        return Tensor(shape: shape, storage: values)
    }

    static func projection(_ y: Tensor, _ r: Tensor) -> Double {
        zip(y.storage, r.storage).reduce(0) { $0 + Double($1.0) * Double($1.1) }
    }

    /// Checks ∂L/∂x of y = forward(x) with backward(x, ∂y) → ∂x at every coordinate.
    static func input(
        _ x: Tensor, seed: UInt64 = 99, forward: (Tensor) -> Tensor, backward: (Tensor, Tensor) -> Tensor
    ) -> GradientCheck.Report {
        let y = forward(x)
        let r = tensor(y.shape, seed: seed)
        let dx = backward(x, r)
        return check.run(point: x.storage, analytic: dx.storage, indices: Array(0..<x.count)) { values in
            projection(forward(Tensor(shape: x.shape, storage: values)), r)
        }
    }

    /// Checks ∂L/∂w of y = forward(w) (x fixed) with backward(∂y) → ∂w.
    static func parameter(
        _ w: [Float], outputSeed: UInt64 = 98, forward: ([Float]) -> Tensor, backward: (Tensor) -> [Float]
    ) -> GradientCheck.Report {
        let y = forward(w)
        let r = tensor(y.shape, seed: outputSeed)
        let dw = backward(r)
        return check.run(point: w, analytic: dw, indices: Array(w.indices)) { values in
            projection(forward(values), r)
        }
    }
}
