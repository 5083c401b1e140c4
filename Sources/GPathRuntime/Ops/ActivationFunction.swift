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
    public static func forward(_ kind: Activation, _ x: Tensor, parallelism: Parallelism = .serial) -> Tensor {
        if kind == .linear { return x }
        let ranges = parallelism.ranges(x.count)
        return x.storage.withUnsafeBufferPointer { xs in
            let source = SharedPointer(UnsafeMutablePointer(mutating: xs.baseAddress!))
            return Tensor(shape: x.shape) { ys in
                let target = SharedPointer(ys.baseAddress!)
                parallelism.run(ranges.count) { part in
                    let (xp, yp) = (source.base, target.base)
                    switch kind {
                    case .relu: for i in ranges[part] { yp[i] = max(xp[i], 0) }
                    case .leakyRelu: for i in ranges[part] { yp[i] = xp[i] > 0 ? xp[i] : leakySlope * xp[i] }
                    default: for i in ranges[part] { yp[i] = value(kind, xp[i]) }
                    }
                }
            }
        }
    }

    /// ∂x = f′(x)·∂y, from the pre-activation input `x`.
    public static func backward(_ kind: Activation, input x: Tensor, outputGradient dy: Tensor, parallelism: Parallelism = .serial) -> Tensor {
        if kind == .linear { return dy }
        let ranges = parallelism.ranges(x.count)
        return x.storage.withUnsafeBufferPointer { xs in
            dy.storage.withUnsafeBufferPointer { dys in
                let (source, gradient) = (SharedPointer(UnsafeMutablePointer(mutating: xs.baseAddress!)), SharedPointer(UnsafeMutablePointer(mutating: dys.baseAddress!)))
                return Tensor(shape: x.shape) { ds in
                    let target = SharedPointer(ds.baseAddress!)
                    parallelism.run(ranges.count) { part in
                        let (xp, gp, dp) = (source.base, gradient.base, target.base)
                        switch kind {
                        case .relu: for i in ranges[part] { dp[i] = xp[i] > 0 ? gp[i] : 0 }
                        case .leakyRelu: for i in ranges[part] { dp[i] = xp[i] > 0 ? gp[i] : leakySlope * gp[i] }
                        default: for i in ranges[part] { dp[i] = gp[i] * derivative(kind, xp[i]) }
                        }
                    }
                }
            }
        }
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

/// A standalone activation node.
final class ActivationKernel: NodeKernel {
    let kind: Activation
    private var input = Tensor(zeros: TensorShape(batch: 0, channels: 0))

    init(_ kind: Activation) { self.kind = kind }

    func forward(_ x: Tensor, context: KernelContext) -> Tensor {
        input = x
        return ActivationFunction.forward(kind, x, parallelism: context.parallelism)
    }

    func backward(_ dy: Tensor, needsInputGradient: Bool, context: KernelContext) -> Tensor? {
        ActivationFunction.backward(kind, input: input, outputGradient: dy, parallelism: context.parallelism)
    }
}

extension OpKernel {
    /// A standalone activation; kinks at 0 (ReLU, leaky ReLU) and ±3 (hard swish).
    static let activation = OpKernel(
        kind: .activation,
        compile: { request in
            guard case .passThrough(.activation(let a)) = request.node.op else { throw request.reject("not an activation") }
            return .kernel(ActivationKernel(a))
        },
        gradientCheck: .finiteDifferences(kinks: { op in
            switch op {
            case .passThrough(.activation(.relu)), .passThrough(.activation(.leakyRelu)): [0]
            case .passThrough(.activation(.hardSwish)): [-3, 3]
            default: []
            }
        }, distinct: false))
}
