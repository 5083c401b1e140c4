/// Updates parameters from their gradients.
public protocol Optimizer {
    /// Applies one update with learning rate `learningRate` to every parameter in `store`.
    mutating func step(_ store: ParameterStore, learningRate: Double)
}

/// Which optimizer a training run uses, with its hyper-parameters.
public enum OptimizerKind: Sendable, Equatable {
    /// SGD with momentum μ and L2 weight decay λ on weights: v ← μ·v + (g + λ·w); w ← w − η·v.
    case sgd(momentum: Double, weightDecay: Double)
    /// Adam (β₁, β₂, ε) with decoupled weight decay λ on weights (AdamW): w ← w − η·λ·w.
    case adam(beta1: Double, beta2: Double, epsilon: Double, weightDecay: Double)

    /// A fresh optimizer of this kind.
    public func make() -> any Optimizer {
        switch self {
        case .sgd(let momentum, let decay): SGD(momentum: momentum, weightDecay: decay)
        case .adam(let b1, let b2, let eps, let decay): Adam(beta1: b1, beta2: b2, epsilon: eps, weightDecay: decay)
        }
    }
}

/// Stochastic gradient descent with (PyTorch-style) momentum and L2 weight decay on weights
/// only (biases and norm parameters are not decayed).
public struct SGD: Optimizer {
    public var momentum: Double
    public var weightDecay: Double
    private var velocity: [[Float]] = []

    public init(momentum: Double = 0.9, weightDecay: Double = 0) {
        self.momentum = momentum
        self.weightDecay = weightDecay
    }

    public mutating func step(_ store: ParameterStore, learningRate: Double) {
        if velocity.isEmpty { velocity = store.parameters.map { [Float](repeating: 0, count: $0.value.count) } }
        let (mu, eta) = (Float(momentum), Float(learningRate))
        for index in store.parameters.indices {
            let decay = store.parameters[index].decays ? Float(weightDecay) : 0
            velocity[index].withUnsafeMutableBufferPointer { v in
                store.parameters[index].gradient.withUnsafeBufferPointer { g in
                    store.parameters[index].value.withUnsafeMutableBufferPointer { w in
                        for i in w.indices {
                            v[i] = mu * v[i] + g[i] + decay * w[i]
                            w[i] -= eta * v[i]
                        }
                    }
                }
            }
        }
    }
}

/// Adam (Kingma & Ba 2015) with bias correction and decoupled weight decay on weights
/// (Loshchilov & Hutter 2019): m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g²,
/// w ← w − η·(m̂/(√v̂ + ε) + λ·w).
public struct Adam: Optimizer {
    public var beta1: Double
    public var beta2: Double
    public var epsilon: Double
    public var weightDecay: Double
    private var first: [[Float]] = []
    private var second: [[Float]] = []
    private var steps = 0

    public init(beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8, weightDecay: Double = 0) {
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    public mutating func step(_ store: ParameterStore, learningRate: Double) {
        if first.isEmpty {
            first = store.parameters.map { [Float](repeating: 0, count: $0.value.count) }
            second = first
        }
        steps += 1
        let correction1 = Float(1 - pow(beta1, steps))
        let correction2 = Float(1 - pow(beta2, steps))
        let (b1, b2, eps, eta) = (Float(beta1), Float(beta2), Float(epsilon), Float(learningRate))
        for index in store.parameters.indices {
            let decay = store.parameters[index].decays ? Float(weightDecay) : 0
            first[index].withUnsafeMutableBufferPointer { m in
                second[index].withUnsafeMutableBufferPointer { v in
                    store.parameters[index].gradient.withUnsafeBufferPointer { g in
                        store.parameters[index].value.withUnsafeMutableBufferPointer { w in
                            for i in w.indices {
                                m[i] = b1 * m[i] + (1 - b1) * g[i]
                                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i]
                                let update = (m[i] / correction1) / ((v[i] / correction2).squareRoot() + eps)
                                w[i] -= eta * (update + decay * w[i])
                            }
                        }
                    }
                }
            }
        }
    }

    private func pow(_ base: Double, _ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<exponent { result *= base }
        return result
    }
}
