import GPathIR

/// Inverted dropout: in training each element is kept with probability 1 − p and scaled by
/// 1/(1 − p), so inference is the identity. The mask is drawn from a seeded SplitMix64 stream,
/// so a (seed, step, node) triple always drops the same elements.
public enum Dropout {
    /// Drop probability used for the IR's `dropout` (which carries no rate).
    public static let defaultRate: Float = 0.1

    /// The mask (0 or 1/(1 − p) per element) for `count` elements.
    public static func mask(count: Int, rate: Float, seed: UInt64) -> [Float] {
        var state = seed
        let keep = 1 / (1 - rate)
        var mask = [Float](repeating: 0, count: count)
        for i in 0..<count {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            let uniform = Float(z >> 40) / Float(1 << 24)
            mask[i] = uniform < rate ? 0 : keep
        }
        return mask
    }

    /// y = x ⊙ mask.
    public static func forward(_ x: Tensor, mask: [Float]) -> Tensor {
        var y = x
        y.storage.withUnsafeMutableBufferPointer { ys in
            for i in ys.indices { ys[i] *= mask[i] }
        }
        return y
    }

    /// ∂x = ∂y ⊙ mask.
    public static func backward(outputGradient dy: Tensor, mask: [Float]) -> Tensor {
        forward(dy, mask: mask)
    }
}

/// Dropout with a mask derived from the pass's seed and the node's index.
final class DropoutKernel: NodeKernel {
    let rate: Float
    let salt: UInt64
    private var mask: [Float]?

    init(rate: Float, salt: UInt64) {
        self.rate = rate
        self.salt = salt
    }

    func forward(_ x: Tensor, context: KernelContext) -> Tensor {
        guard context.mode == .training, rate > 0 else {
            mask = nil
            return x
        }
        let m = Dropout.mask(count: x.count, rate: rate, seed: context.randomSeed ^ (salt &* 0x9E37_79B9_7F4A_7C15))
        mask = m
        return Dropout.forward(x, mask: m)
    }

    func backward(_ dy: Tensor, needsInputGradient: Bool, context: KernelContext) -> Tensor? {
        guard let mask else { return dy }
        return Dropout.backward(outputGradient: dy, mask: mask)
    }
}

extension OpKernel {
    /// Dropout; the mask is fixed by the pass's seed, so the check sees one smooth function.
    static let dropout = OpKernel(
        kind: .dropout,
        compile: { request in
            .kernel(DropoutKernel(rate: Dropout.defaultRate, salt: UInt64(request.node.id.index + 1)))
        },
        gradientCheck: .smooth)
}
