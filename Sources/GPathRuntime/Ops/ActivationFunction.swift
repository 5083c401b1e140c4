import Foundation
import GPathIR

/// Element-wise activations, each with its derivative beside it.
///
/// | name | f(x) | f′(x) |
/// |---|---|---|
/// | relu | max(x, 0) | 1 if x > 0 else 0 |
/// | leaky | x if x > 0 else 0.1·x (Darknet's slope) | 1 or 0.1 |
/// | silu | x·σ(x) | σ(x)·(1 + x·(1 − σ(x))) |
/// | mish | x·tanh(softplus(x)) | t + x·σ(x)·(1 − t²), t = tanh(softplus(x)) |
/// | sigmoid | σ(x) | σ(x)(1 − σ(x)) |
/// | tanh | tanh(x) | 1 − tanh²(x) |
/// | gelu | x·Φ(x) (exact, erf) | Φ(x) + x·φ(x) |
/// | hardswish | x·min(max(x + 3, 0), 6)/6 | 0 below −3, 1 above 3, (2x + 3)/6 between |
/// | linear | x | 1 |
public enum ActivationFunction {
    /// Slope of `leaky` for negative inputs.
    public static let leakySlope: Float = 0.1

    /// f applied to every element.
    public static func forward(_ kind: Activation, _ x: Tensor) -> Tensor {
        if kind == .linear { return x }
        var y = x
        y.storage.withUnsafeMutableBufferPointer { ys in
            switch kind {
            case .relu: for i in ys.indices { ys[i] = max(ys[i], 0) }
            case .leakyRelu: for i in ys.indices where ys[i] < 0 { ys[i] *= leakySlope }
            default: for i in ys.indices { ys[i] = value(kind, ys[i]) }
            }
        }
        return y
    }

    /// ∂x = f′(x)·∂y, from the pre-activation input `x`.
    public static func backward(_ kind: Activation, input x: Tensor, outputGradient dy: Tensor) -> Tensor {
        if kind == .linear { return dy }
        var dx = dy
        x.storage.withUnsafeBufferPointer { xs in
            dx.storage.withUnsafeMutableBufferPointer { ds in
                switch kind {
                case .relu: for i in ds.indices where xs[i] <= 0 { ds[i] = 0 }
                case .leakyRelu: for i in ds.indices where xs[i] <= 0 { ds[i] *= leakySlope }
                default: for i in ds.indices { ds[i] *= derivative(kind, xs[i]) }
                }
            }
        }
        return dx
    }

    /// f(x) for one value.
    @inline(__always)
    public static func value(_ kind: Activation, _ x: Float) -> Float {
        switch kind {
        case .relu: return max(x, 0)
        case .leakyRelu: return x > 0 ? x : leakySlope * x
        case .silu: return x * sigmoid(x)
        case .mish: return x * tanh(softplus(x))
        case .sigmoid: return sigmoid(x)
        case .tanh: return tanh(x)
        case .gelu: return x * 0.5 * (1 + erf(x * 0.70710678))
        case .hardSwish: return x * min(max(x + 3, 0), 6) / 6
        case .linear: return x
        }
    }

    /// f′(x) for one value.
    @inline(__always)
    public static func derivative(_ kind: Activation, _ x: Float) -> Float {
        switch kind {
        case .relu: return x > 0 ? 1 : 0
        case .leakyRelu: return x > 0 ? 1 : leakySlope
        case .silu:
            let s = sigmoid(x)
            return s * (1 + x * (1 - s))
        case .mish:
            let t = tanh(softplus(x))
            return t + x * sigmoid(x) * (1 - t * t)
        case .sigmoid:
            let s = sigmoid(x)
            return s * (1 - s)
        case .tanh:
            let t = tanh(x)
            return 1 - t * t
        case .gelu:
            return 0.5 * (1 + erf(x * 0.70710678)) + x * 0.39894228 * exp(-0.5 * x * x)
        case .hardSwish:
            if x < -3 { return 0 }
            if x > 3 { return 1 }
            return (2 * x + 3) / 6
        case .linear: return 1
        }
    }

    @inline(__always)
    static func sigmoid(_ x: Float) -> Float { 1 / (1 + exp(-x)) }

    /// log(1 + eˣ) without overflow.
    @inline(__always)
    static func softplus(_ x: Float) -> Float { x > 20 ? x : log1p(exp(x)) }
}
