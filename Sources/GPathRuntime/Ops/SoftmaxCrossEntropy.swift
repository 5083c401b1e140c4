import Foundation

/// Softmax cross-entropy over the channel axis, averaged over samples and positions.
///
/// With logits z (N×C×H×W) and one class label per sample (the same at every position):
/// L = −(1/(N·H·W)) Σ_{n,p} log softmax(z_{n,·,p})_{label_n};
/// ∂L/∂z_{n,c,p} = (softmax(z_{n,·,p})_c − [c = label_n]) / (N·H·W).
/// Softmax subtracts the per-position maximum, so large logits cannot overflow.
public enum SoftmaxCrossEntropy {
    /// The mean loss, the probabilities (for backward) and how many positions' argmax equals
    /// the label. Labels must lie in `0..<C` (the executor checks this).
    public static func forward(_ logits: Tensor, labels: [Int]) -> (loss: Double, probabilities: Tensor, correct: Int) {
        let (batch, channels, plane) = (logits.shape.batch, logits.shape.channels, logits.shape.plane)
        var probabilities = Tensor(zeros: logits.shape)
        var total = 0.0
        var correct = 0
        logits.storage.withUnsafeBufferPointer { zs in
            probabilities.storage.withUnsafeMutableBufferPointer { ps in
                for n in 0..<batch {
                    let base = n * channels * plane
                    for p in 0..<plane {
                        var best = zs[base + p]
                        var argmax = 0
                        for c in 1..<max(1, channels) where zs[base + c * plane + p] > best {
                            best = zs[base + c * plane + p]
                            argmax = c
                        }
                        var sum: Float = 0
                        for c in 0..<channels {
                            let e = exp(zs[base + c * plane + p] - best)
                            ps[base + c * plane + p] = e
                            sum += e
                        }
                        for c in 0..<channels { ps[base + c * plane + p] /= sum }
                        let label = labels[n]
                        total -= Double(zs[base + label * plane + p] - best) - Double(log(sum))
                        if argmax == label { correct += 1 }
                    }
                }
            }
        }
        return (total / Double(batch * plane), probabilities, correct)
    }

    /// ∂L/∂z = (p − onehot(label)) / (N·H·W), times the upstream `scale` (1 for a summed loss).
    public static func backward(probabilities: Tensor, labels: [Int], scale: Float = 1) -> Tensor {
        let (batch, channels, plane) = (probabilities.shape.batch, probabilities.shape.channels, probabilities.shape.plane)
        var dz = probabilities
        let k = scale / Float(batch * plane)
        dz.storage.withUnsafeMutableBufferPointer { ds in
            for n in 0..<batch {
                let base = n * channels * plane
                for p in 0..<plane { ds[base + labels[n] * plane + p] -= 1 }
                for i in base..<(base + channels * plane) { ds[i] *= k }
            }
        }
        return dz
    }
}
