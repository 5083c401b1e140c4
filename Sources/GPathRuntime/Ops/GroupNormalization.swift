import GPathIR

/// Group normalisation (Wu & He 2018): per sample, the C channels split into G groups of C/G
/// consecutive channels, each normalised over its channels and every position, then a
/// trainable scale γ and shift β per channel; the same in training and inference.
///
/// Over the M = (C/G)·H·W elements of a group (contiguous in NCHW storage): μ = mean x,
/// σ² = mean (x − μ)², x̂ = (x − μ)/√(σ² + ε), y = γ_c·x̂ + β_c, ε = 10⁻⁵. Backward, with
/// g = γ_c·∂y: ∂x = (1/(M·√(σ²+ε)))·(M·g − Σ g − x̂·Σ g·x̂) over the group; ∂γ, ∂β as for
/// ``LayerNormalization``. Sums accumulate in Double (a group may hold many elements).
public enum GroupNormalization {
    public static let epsilon = 1e-5

    /// The output, x̂, and 1/√(σ² + ε) per sample and group (batch × groups).
    public static func forward(
        _ x: Tensor, groups: Int, scale: [Float], shift: [Float], parallelism: Parallelism = .serial
    ) -> (output: Tensor, normalized: Tensor, inverseDeviation: [Float]) {
        let (width, plane) = (x.shape.channels / groups, x.shape.plane)
        let size = width * plane
        var normalized = Tensor(zeros: x.shape)
        var y = Tensor(zeros: x.shape)
        var inverse = [Float](repeating: 0, count: x.shape.batch * groups)
        x.storage.withUnsafeBufferPointer { xs in
            normalized.storage.withUnsafeMutableBufferPointer { hs in
                y.storage.withUnsafeMutableBufferPointer { ys in
                    inverse.withUnsafeMutableBufferPointer { inv in
                        let (xp, hp, yp, ip) = (SharedPointer(UnsafeMutablePointer(mutating: xs.baseAddress!)), SharedPointer(hs.baseAddress!), SharedPointer(ys.baseAddress!), SharedPointer(inv.baseAddress!))
                        // Group k of sample n (k = n·G + g) starts at k·size; its channels are g·C/G…
                        parallelism.run(x.shape.batch * groups) { k in
                            let (xk, hk, yk) = (xp.base + k * size, hp.base + k * size, yp.base + k * size)
                            var sum = 0.0
                            for i in 0..<size { sum += Double(xk[i]) }
                            let mean = sum / Double(size)
                            var squares = 0.0
                            for i in 0..<size { squares += (Double(xk[i]) - mean) * (Double(xk[i]) - mean) }
                            let inv = Float(1 / (squares / Double(size) + epsilon).squareRoot())
                            ip.base[k] = inv
                            let first = (k % groups) * width
                            for i in 0..<size {
                                let c = first + i / plane
                                let h = (xk[i] - Float(mean)) * inv
                                hk[i] = h
                                yk[i] = scale[c] * h + shift[c]
                            }
                        }
                    }
                }
            }
        }
        return (y, normalized, inverse)
    }

    /// ∂x (nil unless `needsInputGradient`), ∂γ and ∂β from forward's x̂ and 1/√(σ² + ε).
    public static func backward(
        normalized: Tensor, inverseDeviation: [Float], outputGradient dy: Tensor, groups: Int, scale: [Float],
        needsInputGradient: Bool, parallelism: Parallelism = .serial
    ) -> (input: Tensor?, scale: [Float], shift: [Float]) {
        let (width, plane) = (dy.shape.channels / groups, dy.shape.plane)
        let size = width * plane
        let (scaleGradient, shiftGradient) = LayerNormalization.affineGradients(normalized: normalized, outputGradient: dy, parallelism: parallelism)
        guard needsInputGradient else { return (nil, scaleGradient, shiftGradient) }
        let dx = normalized.storage.withUnsafeBufferPointer { hs in
            dy.storage.withUnsafeBufferPointer { gs in
                let (hp, gp) = (SharedPointer(UnsafeMutablePointer(mutating: hs.baseAddress!)), SharedPointer(UnsafeMutablePointer(mutating: gs.baseAddress!)))
                return Tensor(shape: dy.shape) { ds in
                    let dp = SharedPointer(ds.baseAddress!)
                    parallelism.run(dy.shape.batch * groups) { k in
                        let (hk, gk, dk) = (hp.base + k * size, gp.base + k * size, dp.base + k * size)
                        let first = (k % groups) * width
                        var (sumG, sumGH) = (0.0, 0.0)
                        for i in 0..<size {
                            let g = Double(scale[first + i / plane] * gk[i])
                            sumG += g
                            sumGH += g * Double(hk[i])
                        }
                        let m = Float(size)
                        let (meanG, meanGH) = (Float(sumG) / m, Float(sumGH) / m)
                        let inv = inverseDeviation[k]
                        for i in 0..<size {
                            dk[i] = inv * (scale[first + i / plane] * gk[i] - meanG - hk[i] * meanGH)
                        }
                    }
                }
            }
        }
        return (dx, scaleGradient, shiftGradient)
    }
}

/// A group-norm node with its scale and shift.
final class GroupNormalizationKernel: NodeKernel {
    let groups: Int
    let scale: Int
    let shift: Int
    private var normalized = Tensor(zeros: TensorShape(batch: 0, channels: 0))
    private var inverseDeviation: [Float] = []

    init(groups: Int, scale: Int, shift: Int) {
        (self.groups, self.scale, self.shift) = (groups, scale, shift)
    }

    func forward(_ x: Tensor, context: KernelContext) -> Tensor {
        let store = context.parameters
        let result = GroupNormalization.forward(
            x, groups: groups, scale: store.parameters[scale].value, shift: store.parameters[shift].value, parallelism: context.parallelism)
        (normalized, inverseDeviation) = (result.normalized, result.inverseDeviation)
        return result.output
    }

    func backward(_ dy: Tensor, needsInputGradient: Bool, context: KernelContext) -> Tensor? {
        let store = context.parameters
        let result = GroupNormalization.backward(
            normalized: normalized, inverseDeviation: inverseDeviation, outputGradient: dy, groups: groups,
            scale: store.parameters[scale].value, needsInputGradient: needsInputGradient, parallelism: context.parallelism)
        store.accumulate(result.scale, into: scale)
        store.accumulate(result.shift, into: shift)
        return result.input
    }
}

extension OpKernel {
    /// Group norm, scale 1 and shift 0 at the start.
    static let groupNorm = OpKernel(
        kind: .groupNorm,
        compile: { request in
            guard case .groupNorm(let groups) = request.node.op, groups >= 1, request.channels % groups == 0 else {
                throw request.reject("its groups do not divide its \(request.channels) channels")
            }
            let (scale, shift) = request.norm()
            return .kernel(GroupNormalizationKernel(groups: groups, scale: scale, shift: shift))
        },
        gradientCheck: .smooth)
}
