import GPathIR

/// Global average and global max pooling: one value per (sample, channel).
///
/// Average: y = (1/HW)·Σ x, ∂x = ∂y/HW everywhere. Max: y = max x, the gradient goes to the
/// first maximum.
public enum GlobalPooling {
    public static func averageForward(_ x: Tensor) -> Tensor {
        let planes = x.shape.batch * x.shape.channels
        let plane = x.shape.plane
        var y = Tensor(zeros: TensorShape(batch: x.shape.batch, channels: x.shape.channels))
        x.storage.withUnsafeBufferPointer { xs in
            for p in 0..<planes {
                var sum: Float = 0
                for i in 0..<plane { sum += xs[p * plane + i] }
                y.storage[p] = sum / Float(plane)
            }
        }
        return y
    }

    public static func averageBackward(outputGradient dy: Tensor, inputShape: TensorShape) -> Tensor {
        let plane = inputShape.plane
        var dx = Tensor(zeros: inputShape)
        dx.storage.withUnsafeMutableBufferPointer { dxs in
            for p in 0..<dy.count {
                let share = dy.storage[p] / Float(plane)
                for i in 0..<plane { dxs[p * plane + i] = share }
            }
        }
        return dx
    }

    /// Output and the flat index of each plane's maximum.
    public static func maxForward(_ x: Tensor) -> (output: Tensor, winners: [Int32]) {
        let planes = x.shape.batch * x.shape.channels
        let plane = x.shape.plane
        var y = Tensor(zeros: TensorShape(batch: x.shape.batch, channels: x.shape.channels))
        var winners = [Int32](repeating: 0, count: planes)
        x.storage.withUnsafeBufferPointer { xs in
            for p in 0..<planes {
                var best = xs[p * plane]
                var index = p * plane
                for i in 1..<max(1, plane) where xs[p * plane + i] > best {
                    best = xs[p * plane + i]
                    index = p * plane + i
                }
                y.storage[p] = best
                winners[p] = Int32(index)
            }
        }
        return (y, winners)
    }

    public static func maxBackward(outputGradient dy: Tensor, winners: [Int32], inputShape: TensorShape) -> Tensor {
        MaxPooling.backward(outputGradient: dy, winners: winners, inputShape: inputShape)
    }
}

extension OpKernel {
    /// Global average pooling (``AveragePoolKernel`` without a window).
    static let globalAveragePool = OpKernel(
        kind: .globalAveragePool, compile: { _ in .kernel(AveragePoolKernel(nil)) }, gradientCheck: .smooth)

    /// Global max pooling (``MaxPoolKernel`` without a window); ties are kinks.
    static let globalMaxPool = OpKernel(
        kind: .globalMaxPool, compile: { _ in .kernel(MaxPoolKernel(nil)) },
        gradientCheck: .finiteDifferences(kinks: { _ in [] }, distinct: true))
}
