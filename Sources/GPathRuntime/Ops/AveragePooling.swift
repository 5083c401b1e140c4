import GPathIR

/// Average pooling over k×k windows; padded positions are excluded from the mean
/// (PyTorch's `count_include_pad=False`), so border outputs average only real inputs.
///
/// Forward: y = (1/|W|)·Σ_{i∈W} x_i over the clipped window W. Backward: every input of W
/// receives ∂y/|W|. Empty windows output 0.
public enum AveragePooling {
    public static func forward(_ x: Tensor, pooling: Pooling) -> Tensor {
        let shape = PoolingWindow.outputShape(x.shape, pooling)
        var y = Tensor(zeros: shape)
        x.storage.withUnsafeBufferPointer { xs in
            y.storage.withUnsafeMutableBufferPointer { ys in
                PoolingWindow.visit(input: x.shape, output: shape, pooling) { out, plane, y0, y1, x0, x1 in
                    let count = (y1 - y0) * (x1 - x0)
                    guard count > 0 else { return }
                    var sum: Float = 0
                    for iy in y0..<y1 {
                        for ix in x0..<x1 { sum += xs[plane + iy * x.shape.width + ix] }
                    }
                    ys[out] = sum / Float(count)
                }
            }
        }
        return y
    }

    public static func backward(outputGradient dy: Tensor, pooling: Pooling, inputShape: TensorShape) -> Tensor {
        var dx = Tensor(zeros: inputShape)
        dx.storage.withUnsafeMutableBufferPointer { dxs in
            dy.storage.withUnsafeBufferPointer { dys in
                PoolingWindow.visit(input: inputShape, output: dy.shape, pooling) { out, plane, y0, y1, x0, x1 in
                    let count = (y1 - y0) * (x1 - x0)
                    guard count > 0 else { return }
                    let share = dys[out] / Float(count)
                    for iy in y0..<y1 {
                        for ix in x0..<x1 { dxs[plane + iy * inputShape.width + ix] += share }
                    }
                }
            }
        }
        return dx
    }
}

/// Average pooling, windowed or global.
final class AveragePoolKernel: NodeKernel {
    /// nil: global average pooling.
    let pooling: Pooling?
    private var inputShape = TensorShape(batch: 0, channels: 0)

    init(_ pooling: Pooling?) { self.pooling = pooling }

    func forward(_ x: Tensor, context: KernelContext) -> Tensor {
        inputShape = x.shape
        return pooling.map { AveragePooling.forward(x, pooling: $0) } ?? GlobalPooling.averageForward(x)
    }

    func backward(_ dy: Tensor, needsInputGradient: Bool, context: KernelContext) -> Tensor? {
        guard let pooling else { return GlobalPooling.averageBackward(outputGradient: dy, inputShape: inputShape) }
        return AveragePooling.backward(outputGradient: dy, pooling: pooling, inputShape: inputShape)
    }
}

extension OpKernel {
    /// Windowed average pooling.
    static let averagePool = OpKernel(
        kind: .averagePool,
        compile: { request in
            guard let p = request.node.op.poolingWindow else { throw request.reject("not a pooling") }
            return .kernel(AveragePoolKernel(p))
        },
        gradientCheck: .smooth)
}
