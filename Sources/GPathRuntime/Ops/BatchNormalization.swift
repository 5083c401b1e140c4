import GPathIR

import Foundation

/// Batch normalisation over (N, H, W) per channel, with trainable scale γ and shift β.
///
/// Training: μ_c, σ²_c are the batch mean and biased variance, x̂ = (x − μ)/√(σ² + ε),
/// y = γ·x̂ + β; running statistics move by `momentum` toward μ and the unbiased variance.
/// Inference uses the running statistics. Backward in training mode, with M = N·H·W:
/// ∂γ = Σ ∂y·x̂, ∂β = Σ ∂y, ∂x = γ/(M·√(σ²+ε)) · (M·∂y − ∂β − x̂·∂γ). Sums accumulate in Double.
public enum BatchNormalization {
    /// ε inside the square root (PyTorch's default).
    public static let epsilon: Double = 1e-5
    /// Weight of the new batch in the running statistics (PyTorch's default).
    public static let momentum: Double = 0.1

    /// Per-channel statistics of one forward pass, kept for backward.
    public struct Statistics: Sendable {
        public var mean: [Float]
        /// 1/√(σ² + ε).
        public var inverseDeviation: [Float]
    }

    /// Running statistics used in inference.
    public struct RunningStatistics: Sendable, Equatable {
        public var mean: [Float]
        public var variance: [Float]

        public init(channels: Int) {
            mean = [Float](repeating: 0, count: channels)
            variance = [Float](repeating: 1, count: channels)
        }
    }

    /// Training-mode forward: normalises with batch statistics and updates `running`.
    /// Channels are independent, so they run on `parallelism`'s workers.
    public static func forwardTraining(
        _ x: Tensor, scale: [Float], shift: [Float], running: inout RunningStatistics, parallelism: Parallelism = .serial
    ) -> (output: Tensor, statistics: Statistics) {
        let (batch, channels, plane) = (x.shape.batch, x.shape.channels, x.shape.plane)
        let m = Double(batch * plane)
        var mean = [Float](repeating: 0, count: channels)
        var inverse = [Float](repeating: 0, count: channels)
        let y = x.storage.withUnsafeBufferPointer { xs in
            mean.withUnsafeMutableBufferPointer { meanBuffer in
                inverse.withUnsafeMutableBufferPointer { inverseBuffer in
                    running.mean.withUnsafeMutableBufferPointer { runningMean in
                        running.variance.withUnsafeMutableBufferPointer { runningVariance in
                            let source = SharedPointer(UnsafeMutablePointer(mutating: xs.baseAddress!))
                            let (mp, ip) = (SharedPointer(meanBuffer.baseAddress!), SharedPointer(inverseBuffer.baseAddress!))
                            let (rm, rv) = (SharedPointer(runningMean.baseAddress!), SharedPointer(runningVariance.baseAddress!))
                            return Tensor(shape: x.shape) { ys in
                                let target = SharedPointer(ys.baseAddress!)
                                parallelism.run(channels) { c in
                                    let xp = source.base
                                    // Two passes (mean, then squared deviations): no cancellation when |μ| ≫ σ.
                                    var sum = 0.0
                                    for n in 0..<batch {
                                        sum += Double(VectorReduction.sum(xp + (n * channels + c) * plane, plane))
                                    }
                                    let mu = sum / m
                                    let center = Float(mu)
                                    var squares = 0.0
                                    for n in 0..<batch {
                                        squares += Double(VectorReduction.squaredDeviations(xp + (n * channels + c) * plane, plane, center: center))
                                    }
                                    let variance = squares / m
                                    let inv = 1 / (variance + epsilon).squareRoot()
                                    mp.base[c] = Float(mu)
                                    ip.base[c] = Float(inv)
                                    let unbiased = m > 1 ? variance * m / (m - 1) : variance
                                    rm.base[c] = Float((1 - momentum) * Double(rm.base[c]) + momentum * mu)
                                    rv.base[c] = Float((1 - momentum) * Double(rv.base[c]) + momentum * unbiased)
                                    let a = scale[c] * Float(inv)
                                    let b = shift[c] - Float(mu) * a
                                    for n in 0..<batch {
                                        let offset = (n * channels + c) * plane
                                        let src = xp + offset
                                        let dst = target.base + offset
                                        for i in 0..<plane { dst[i] = src[i] * a + b }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return (y, Statistics(mean: mean, inverseDeviation: inverse))
    }

    /// Inference-mode forward with the running statistics.
    public static func forwardInference(_ x: Tensor, scale: [Float], shift: [Float], running: RunningStatistics) -> Tensor {
        let statistics = inferenceStatistics(running)
        return affine(x, statistics: statistics, scale: scale, shift: shift)
    }

    /// The running statistics as mean and 1/√(σ² + ε).
    public static func inferenceStatistics(_ running: RunningStatistics) -> Statistics {
        Statistics(mean: running.mean, inverseDeviation: running.variance.map { Float(1 / (Double($0) + epsilon).squareRoot()) })
    }

    /// Backward. `trainingMode` true differentiates through the batch statistics; false treats
    /// them as constants (inference mode). Returns ∂x, ∂γ and ∂β.
    ///
    /// With `reluInput` (the normalised values a ReLU then read), `dy` is the gradient after
    /// that ReLU: it is passed only where the ReLU's input was positive, in the same passes
    /// (no separate activation backward, no tensor between them).
    public static func backward(
        _ x: Tensor, outputGradient dy: Tensor, scale: [Float], statistics: Statistics, trainingMode: Bool,
        reluInput: Tensor? = nil, parallelism: Parallelism = .serial
    ) -> (input: Tensor, scale: [Float], shift: [Float]) {
        if let reluInput {
            return reluInput.storage.withUnsafeBufferPointer { mask in
                backward(x, outputGradient: dy, scale: scale, statistics: statistics, trainingMode: trainingMode,
                         mask: SharedPointer(UnsafeMutablePointer(mutating: mask.baseAddress!)), parallelism: parallelism)
            }
        }
        return backward(x, outputGradient: dy, scale: scale, statistics: statistics, trainingMode: trainingMode,
                        mask: nil, parallelism: parallelism)
    }

    private static func backward(
        _ x: Tensor, outputGradient dy: Tensor, scale: [Float], statistics: Statistics, trainingMode: Bool,
        mask: SharedPointer<Float>?, parallelism: Parallelism
    ) -> (input: Tensor, scale: [Float], shift: [Float]) {
        let (batch, channels, plane) = (x.shape.batch, x.shape.channels, x.shape.plane)
        let m = Float(batch * plane)
        var scaleGradient = [Float](repeating: 0, count: channels)
        var shiftGradient = [Float](repeating: 0, count: channels)
        let dx = x.storage.withUnsafeBufferPointer { xs in
            dy.storage.withUnsafeBufferPointer { dys in
                scaleGradient.withUnsafeMutableBufferPointer { sg in
                    shiftGradient.withUnsafeMutableBufferPointer { hg in
                        let (xsp, dyp) = (SharedPointer(UnsafeMutablePointer(mutating: xs.baseAddress!)), SharedPointer(UnsafeMutablePointer(mutating: dys.baseAddress!)))
                        let (sgp, hgp) = (SharedPointer(sg.baseAddress!), SharedPointer(hg.baseAddress!))
                        return Tensor(shape: x.shape) { dxs in
                            let target = SharedPointer(dxs.baseAddress!)
                            parallelism.run(channels) { c in
                                let (xp, gp, dp) = (xsp.base, dyp.base, target.base)
                                let mu = statistics.mean[c]
                                let inv = statistics.inverseDeviation[c]
                                var sumDy = 0.0
                                var sumDyXhat = 0.0
                                for n in 0..<batch {
                                    let offset = (n * channels + c) * plane
                                    let (a, b) = VectorReduction.sumAndCenteredDot(
                                        gp + offset, xp + offset, plane, center: mu, mask: mask.map { UnsafePointer($0.base + offset) })
                                    sumDy += Double(a)
                                    sumDyXhat += Double(b) * Double(inv)
                                }
                                sgp.base[c] = Float(sumDyXhat)
                                hgp.base[c] = Float(sumDy)
                                let k = scale[c] * inv
                                let meanDy = trainingMode ? Float(sumDy) / m : 0
                                let meanDyXhat = trainingMode ? Float(sumDyXhat) / m : 0
                                let terms = InputGradientTerms(mean: mu, inverseDeviation: inv, factor: k, meanDy: meanDy, meanDyXhat: meanDyXhat)
                                for n in 0..<batch {
                                    let offset = (n * channels + c) * plane
                                    terms.write(into: dp + offset, gradient: gp + offset, input: xp + offset, count: plane,
                                                mask: mask.map { UnsafePointer($0.base + offset) })
                                }
                            }
                        }
                    }
                }
            }
        }
        return (dx, scaleGradient, shiftGradient)
    }

    private static func affine(_ x: Tensor, statistics: Statistics, scale: [Float], shift: [Float]) -> Tensor {
        let (batch, channels, plane) = (x.shape.batch, x.shape.channels, x.shape.plane)
        var y = Tensor(zeros: x.shape)
        x.storage.withUnsafeBufferPointer { xs in
            y.storage.withUnsafeMutableBufferPointer { ys in
                for n in 0..<batch {
                    for c in 0..<channels {
                        let a = scale[c] * statistics.inverseDeviation[c]
                        let b = shift[c] - statistics.mean[c] * a
                        let offset = (n * channels + c) * plane
                        for i in 0..<plane { ys[offset + i] = xs[offset + i] * a + b }
                    }
                }
            }
        }
        return y
    }
}

/// A standalone batch-norm node with its own scale and shift.
final class NormalizationKernel: NodeKernel {
    let scale: Int
    let shift: Int
    var running: BatchNormalization.RunningStatistics
    private var input = Tensor(zeros: TensorShape(batch: 0, channels: 0))
    private var statistics: BatchNormalization.Statistics?
    private var lastMode = ExecutionMode.training

    init(scale: Int, shift: Int, channels: Int) {
        self.scale = scale
        self.shift = shift
        self.running = BatchNormalization.RunningStatistics(channels: channels)
    }

    func forward(_ x: Tensor, context: KernelContext) -> Tensor {
        input = x
        lastMode = context.mode
        let store = context.parameters
        let (gamma, beta) = (store.parameters[scale].value, store.parameters[shift].value)
        if context.mode == .training {
            let (y, stats) = BatchNormalization.forwardTraining(x, scale: gamma, shift: beta, running: &running, parallelism: context.parallelism)
            statistics = stats
            return y
        }
        statistics = BatchNormalization.inferenceStatistics(running)
        return BatchNormalization.forwardInference(x, scale: gamma, shift: beta, running: running)
    }

    func backward(_ dy: Tensor, needsInputGradient: Bool, context: KernelContext) -> Tensor? {
        guard let statistics else { return nil }
        let store = context.parameters
        let result = BatchNormalization.backward(
            input, outputGradient: dy, scale: store.parameters[scale].value, statistics: statistics,
            trainingMode: lastMode == .training, parallelism: context.parallelism)
        store.accumulate(result.scale, into: scale)
        store.accumulate(result.shift, into: shift)
        return result.input
    }
}

extension OpKernel {
    /// A standalone batch norm with its own scale and shift.
    static let normalization = OpKernel(
        kind: .normalization,
        compile: { request in
            let (scale, shift) = request.norm()
            return .kernel(NormalizationKernel(scale: scale, shift: shift, channels: request.channels))
        },
        gradientCheck: .smooth)
}

/// One channel's ∂x = k·(g − mean ∂y − x̂·mean(∂y·x̂)), x̂ = (x − μ)·inv, sixteen lanes at a
/// time; g is ∂y, or 0 where a ReLU's input (`mask`) was not positive.
struct InputGradientTerms {
    let mean: Float
    let inverseDeviation: Float
    let factor: Float
    let meanDy: Float
    let meanDyXhat: Float

    @inline(__always)
    func write(into target: UnsafeMutablePointer<Float>, gradient: UnsafePointer<Float>, input: UnsafePointer<Float>, count: Int, mask: UnsafePointer<Float>?) {
        typealias Lanes = SIMD16<Float>
        let (mu, inv, k) = (Lanes(repeating: mean), Lanes(repeating: inverseDeviation), Lanes(repeating: factor))
        let (mdy, mdx) = (Lanes(repeating: meanDy), Lanes(repeating: meanDyXhat))
        let (rawG, rawX, rawT) = (UnsafeRawPointer(gradient), UnsafeRawPointer(input), UnsafeMutableRawPointer(target))
        var i = 0
        while i + 16 <= count {
            var g = rawG.loadUnaligned(fromByteOffset: i * 4, as: Lanes.self)
            if let mask {
                g = Lanes.zero.replacing(with: g, where: UnsafeRawPointer(mask).loadUnaligned(fromByteOffset: i * 4, as: Lanes.self) .> 0)
            }
            let xhat = (rawX.loadUnaligned(fromByteOffset: i * 4, as: Lanes.self) - mu) * inv
            rawT.storeBytes(of: k * (g - mdy - xhat * mdx), toByteOffset: i * 4, as: Lanes.self)
            i += 16
        }
        while i < count {
            let g = mask.map { $0[i] > 0 ? gradient[i] : 0 } ?? gradient[i]
            let xhat = (input[i] - mean) * inverseDeviation
            target[i] = factor * (g - meanDy - xhat * meanDyXhat)
            i += 1
        }
    }
}
