/// Mean squared error against one-hot targets: the target of sample n is 1 on channel
/// `label_n` and 0 elsewhere, at every position.
///
/// L = (1/(N·C·H·W)) Σ (x − t)², ∂L/∂x = 2(x − t)/(N·C·H·W). The accuracy count uses the
/// argmax over channels, as for cross-entropy.
public enum MeanSquaredError {
    public static func forward(_ x: Tensor, labels: [Int]) -> (loss: Double, correct: Int) {
        let (batch, channels, plane) = (x.shape.batch, x.shape.channels, x.shape.plane)
        var total = 0.0
        var correct = 0
        x.storage.withUnsafeBufferPointer { xs in
            for n in 0..<batch {
                let base = n * channels * plane
                for p in 0..<plane {
                    var best = xs[base + p]
                    var argmax = 0
                    for c in 0..<channels {
                        let value = xs[base + c * plane + p]
                        let delta = Double(value) - (c == labels[n] ? 1 : 0)
                        total += delta * delta
                        if value > best {
                            best = value
                            argmax = c
                        }
                    }
                    if argmax == labels[n] { correct += 1 }
                }
            }
        }
        return (total / Double(x.count), correct)
    }

    public static func backward(_ x: Tensor, labels: [Int], scale: Float = 1) -> Tensor {
        let (channels, plane) = (x.shape.channels, x.shape.plane)
        var dx = x
        let k = 2 * scale / Float(x.count)
        dx.storage.withUnsafeMutableBufferPointer { ds in
            for n in 0..<x.shape.batch {
                for p in 0..<plane { ds[(n * channels + labels[n]) * plane + p] -= 1 }
            }
            for i in ds.indices { ds[i] *= k }
        }
        return dx
    }
}
