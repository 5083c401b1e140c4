import GPathIR

/// Tokens `lower..<upper` (``Op/tokenSlice``): positions of the row-major flattened map, as an
/// (upper − lower)×1 map — y[n, c, i] = x[n, c, lower + i]. Backward puts ∂y back at those
/// positions; the others get zero.
public enum TokenSlicing {
    public static func forward(_ x: Tensor, lower: Int, upper: Int) -> Tensor {
        let (plane, count) = (x.shape.plane, upper - lower)
        let planes = x.shape.batch * x.shape.channels
        return x.storage.withUnsafeBufferPointer { xs in
            Tensor(shape: TensorShape(batch: x.shape.batch, channels: x.shape.channels, height: count, width: 1)) { ys in
                for k in 0..<planes {
                    (ys.baseAddress! + k * count).update(from: xs.baseAddress! + k * plane + lower, count: count)
                }
            }
        }
    }

    /// ∂x of `inputShape` from ∂y.
    public static func backward(outputGradient dy: Tensor, lower: Int, inputShape: TensorShape) -> Tensor {
        let (plane, count) = (inputShape.plane, dy.shape.plane)
        var dx = Tensor(zeros: inputShape.with(batch: dy.shape.batch))
        dy.storage.withUnsafeBufferPointer { ds in
            dx.storage.withUnsafeMutableBufferPointer { xs in
                for k in 0..<(dy.shape.batch * dy.shape.channels) {
                    (xs.baseAddress! + k * plane + lower).update(from: ds.baseAddress! + k * count, count: count)
                }
            }
        }
        return dx
    }
}

/// A token-slice node; remembers its input's shape.
final class TokenSliceKernel: NodeKernel {
    let lower: Int
    let upper: Int
    private var inputShape = TensorShape(batch: 0, channels: 0)

    init(lower: Int, upper: Int) { (self.lower, self.upper) = (lower, upper) }

    func forward(_ x: Tensor, context: KernelContext) -> Tensor {
        inputShape = x.shape
        return TokenSlicing.forward(x, lower: lower, upper: upper)
    }

    func backward(_ dy: Tensor, needsInputGradient: Bool, context: KernelContext) -> Tensor? {
        guard needsInputGradient else { return nil }
        return TokenSlicing.backward(outputGradient: dy, lower: lower, inputShape: inputShape)
    }
}

extension OpKernel {
    /// A range of tokens.
    static let tokenSlice = OpKernel(
        kind: .tokenSlice,
        compile: { request in
            guard case .tokenSlice(let lower, let upper) = request.node.op, lower >= 0, upper > lower, upper <= request.inputShape.plane else {
                throw request.reject("its token range does not lie within the input's \(request.inputShape.plane) positions")
            }
            return .kernel(TokenSliceKernel(lower: lower, upper: upper))
        },
        gradientCheck: .smooth)
}
