import GPathIR

/// Nearest-neighbour upsampling by an integer factor s: y[i, j] = x[⌊i/s⌋, ⌊j/s⌋].
/// Backward sums each s×s block of ∂y onto its source.
public enum NearestUpsampling {
    public static func forward(_ x: Tensor, scale: Int) -> Tensor {
        let (h, w) = (x.shape.height, x.shape.width)
        var y = Tensor(zeros: TensorShape(batch: x.shape.batch, channels: x.shape.channels, height: h * scale, width: w * scale))
        let outW = w * scale
        x.storage.withUnsafeBufferPointer { xs in
            y.storage.withUnsafeMutableBufferPointer { ys in
                for p in 0..<(x.shape.batch * x.shape.channels) {
                    for oy in 0..<(h * scale) {
                        let source = p * h * w + (oy / scale) * w
                        let target = (p * h * scale + oy) * outW
                        for ox in 0..<outW { ys[target + ox] = xs[source + ox / scale] }
                    }
                }
            }
        }
        return y
    }

    public static func backward(outputGradient dy: Tensor, scale: Int, inputShape: TensorShape) -> Tensor {
        let (h, w) = (inputShape.height, inputShape.width)
        let outW = w * scale
        var dx = Tensor(zeros: inputShape)
        dy.storage.withUnsafeBufferPointer { dys in
            dx.storage.withUnsafeMutableBufferPointer { dxs in
                for p in 0..<(inputShape.batch * inputShape.channels) {
                    for oy in 0..<(h * scale) {
                        let target = p * h * w + (oy / scale) * w
                        let source = (p * h * scale + oy) * outW
                        for ox in 0..<outW { dxs[target + ox / scale] += dys[source + ox] }
                    }
                }
            }
        }
        return dx
    }
}

/// Nearest upsampling.
final class UpsampleKernel: NodeKernel {
    let scale: Int
    private var inputShape = TensorShape(batch: 0, channels: 0)

    init(scale: Int) { self.scale = scale }

    func forward(_ x: Tensor, context: KernelContext) -> Tensor {
        inputShape = x.shape
        return NearestUpsampling.forward(x, scale: scale)
    }

    func backward(_ dy: Tensor, needsInputGradient: Bool, context: KernelContext) -> Tensor? {
        NearestUpsampling.backward(outputGradient: dy, scale: scale, inputShape: inputShape)
    }
}

extension OpKernel {
    /// Nearest upsampling.
    static let upsample = OpKernel(
        kind: .upsample,
        compile: { request in
            guard case .passThrough(.upsample(let scale)) = request.node.op else { throw request.reject("not an upsampling") }
            return .kernel(UpsampleKernel(scale: scale))
        },
        gradientCheck: .smooth)
}
