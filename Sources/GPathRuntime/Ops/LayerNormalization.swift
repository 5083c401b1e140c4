import GPathIR

/// Layer normalisation over the channels at each position (a transformer's LayerNorm on
/// tokens), with a trainable scale γ and shift β per channel; the same in training and
/// inference (no running statistics).
///
/// At each sample and position, over the C channels: μ = mean x, σ² = mean (x − μ)² (biased),
/// x̂ = (x − μ)/√(σ² + ε), y = γ_c·x̂ + β_c, ε = 10⁻⁵ (PyTorch's default). Backward, with
/// g = γ_c·∂y: ∂x = (1/(C·√(σ²+ε)))·(C·g − Σ_c g − x̂·Σ_c g·x̂); ∂γ_c = Σ ∂y·x̂ and
/// ∂β_c = Σ ∂y over samples and positions.
public enum LayerNormalization {
    public static let epsilon: Float = 1e-5

    /// The output, x̂, and 1/√(σ² + ε) per sample and position (batch × plane).
    public static func forward(
        _ x: Tensor, scale: [Float], shift: [Float], parallelism: Parallelism = .serial
    ) -> (output: Tensor, normalized: Tensor, inverseDeviation: [Float]) {
        let (channels, plane) = (x.shape.channels, x.shape.plane)
        var normalized = Tensor(zeros: x.shape)
        var y = Tensor(zeros: x.shape)
        var inverse = [Float](repeating: 0, count: x.shape.batch * plane)
        x.storage.withUnsafeBufferPointer { xs in
            normalized.storage.withUnsafeMutableBufferPointer { hs in
                y.storage.withUnsafeMutableBufferPointer { ys in
                    inverse.withUnsafeMutableBufferPointer { inv in
                        let (xp, hp, yp, ip) = (SharedPointer(UnsafeMutablePointer(mutating: xs.baseAddress!)), SharedPointer(hs.baseAddress!), SharedPointer(ys.baseAddress!), SharedPointer(inv.baseAddress!))
                        parallelism.run(x.shape.batch) { n in
                            let (xn, hn, yn, invn) = (xp.base + n * channels * plane, hp.base + n * channels * plane, yp.base + n * channels * plane, ip.base + n * plane)
                            // Two passes per position (mean, then squared deviations), channels outer so reads are contiguous.
                            var mean = [Float](repeating: 0, count: plane)
                            var variance = [Float](repeating: 0, count: plane)
                            for c in 0..<channels { for p in 0..<plane { mean[p] += xn[c * plane + p] } }
                            for p in 0..<plane { mean[p] /= Float(channels) }
                            for c in 0..<channels {
                                for p in 0..<plane {
                                    let d = xn[c * plane + p] - mean[p]
                                    variance[p] += d * d
                                }
                            }
                            for p in 0..<plane { invn[p] = 1 / (variance[p] / Float(channels) + epsilon).squareRoot() }
                            for c in 0..<channels {
                                for p in 0..<plane {
                                    let h = (xn[c * plane + p] - mean[p]) * invn[p]
                                    hn[c * plane + p] = h
                                    yn[c * plane + p] = scale[c] * h + shift[c]
                                }
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
        normalized: Tensor, inverseDeviation: [Float], outputGradient dy: Tensor, scale: [Float],
        needsInputGradient: Bool, parallelism: Parallelism = .serial
    ) -> (input: Tensor?, scale: [Float], shift: [Float]) {
        let (batch, channels, plane) = (dy.shape.batch, dy.shape.channels, dy.shape.plane)
        let (scaleGradient, shiftGradient) = affineGradients(normalized: normalized, outputGradient: dy, parallelism: parallelism)
        guard needsInputGradient else { return (nil, scaleGradient, shiftGradient) }
        let dx = normalized.storage.withUnsafeBufferPointer { hs in
            dy.storage.withUnsafeBufferPointer { gs in
                let (hp, gp) = (SharedPointer(UnsafeMutablePointer(mutating: hs.baseAddress!)), SharedPointer(UnsafeMutablePointer(mutating: gs.baseAddress!)))
                return Tensor(shape: dy.shape) { ds in
                    let dp = SharedPointer(ds.baseAddress!)
                    parallelism.run(batch) { n in
                        let offset = n * channels * plane
                        let (hn, gn, dn) = (hp.base + offset, gp.base + offset, dp.base + offset)
                        var sumG = [Float](repeating: 0, count: plane)
                        var sumGH = [Float](repeating: 0, count: plane)
                        for c in 0..<channels {
                            for p in 0..<plane {
                                let g = scale[c] * gn[c * plane + p]
                                sumG[p] += g
                                sumGH[p] += g * hn[c * plane + p]
                            }
                        }
                        let m = Float(channels)
                        for c in 0..<channels {
                            for p in 0..<plane {
                                let g = scale[c] * gn[c * plane + p]
                                dn[c * plane + p] = inverseDeviation[n * plane + p] / m * (m * g - sumG[p] - hn[c * plane + p] * sumGH[p])
                            }
                        }
                    }
                }
            }
        }
        return (dx, scaleGradient, shiftGradient)
    }

    /// ∂γ_c = Σ ∂y·x̂ and ∂β_c = Σ ∂y over samples and positions of channel c (a per-channel
    /// affine after any normalisation); channels run on the workers, each summing in index
    /// order.
    static func affineGradients(normalized: Tensor, outputGradient dy: Tensor, parallelism: Parallelism) -> (scale: [Float], shift: [Float]) {
        let (batch, channels, plane) = (dy.shape.batch, dy.shape.channels, dy.shape.plane)
        var scale = [Float](repeating: 0, count: channels)
        var shift = [Float](repeating: 0, count: channels)
        normalized.storage.withUnsafeBufferPointer { hs in
            dy.storage.withUnsafeBufferPointer { gs in
                scale.withUnsafeMutableBufferPointer { sg in
                    shift.withUnsafeMutableBufferPointer { bg in
                        let (hp, gp) = (SharedPointer(UnsafeMutablePointer(mutating: hs.baseAddress!)), SharedPointer(UnsafeMutablePointer(mutating: gs.baseAddress!)))
                        let (sp, bp) = (SharedPointer(sg.baseAddress!), SharedPointer(bg.baseAddress!))
                        parallelism.run(channels) { c in
                            var (a, b): (Float, Float) = (0, 0)
                            for n in 0..<batch {
                                let offset = (n * channels + c) * plane
                                for p in 0..<plane {
                                    a += gp.base[offset + p] * hp.base[offset + p]
                                    b += gp.base[offset + p]
                                }
                            }
                            (sp.base[c], bp.base[c]) = (a, b)
                        }
                    }
                }
            }
        }
        return (scale, shift)
    }
}

/// A layer-norm node with its scale and shift.
final class LayerNormalizationKernel: NodeKernel {
    let scale: Int
    let shift: Int
    private var normalized = Tensor(zeros: TensorShape(batch: 0, channels: 0))
    private var inverseDeviation: [Float] = []

    init(scale: Int, shift: Int) {
        self.scale = scale
        self.shift = shift
    }

    func forward(_ x: Tensor, context: KernelContext) -> Tensor {
        let store = context.parameters
        let result = LayerNormalization.forward(x, scale: store.parameters[scale].value, shift: store.parameters[shift].value, parallelism: context.parallelism)
        (normalized, inverseDeviation) = (result.normalized, result.inverseDeviation)
        return result.output
    }

    func backward(_ dy: Tensor, needsInputGradient: Bool, context: KernelContext) -> Tensor? {
        let store = context.parameters
        let result = LayerNormalization.backward(
            normalized: normalized, inverseDeviation: inverseDeviation, outputGradient: dy, scale: store.parameters[scale].value,
            needsInputGradient: needsInputGradient, parallelism: context.parallelism)
        store.accumulate(result.scale, into: scale)
        store.accumulate(result.shift, into: shift)
        return result.input
    }
}

extension OpKernel {
    /// Layer norm over the channels, scale 1 and shift 0 at the start.
    static let layerNorm = OpKernel(
        kind: .layerNorm,
        compile: { request in
            let (scale, shift) = request.norm()
            return .kernel(LayerNormalizationKernel(scale: scale, shift: shift))
        },
        gradientCheck: .smooth)
}
