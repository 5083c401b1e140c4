import GPathIR

/// Positions regrouped (``Op/reshape``): each channel's H·W values, in row-major order, laid
/// out on another map of the same area. The storage is unchanged — forward and backward only
/// relabel the shape (y = x, ∂x = ∂y under the input's shape).
final class ReshapeKernel: NodeKernel {
    let target: Spatial
    private var inputShape = TensorShape(batch: 0, channels: 0)

    init(target: Spatial) { self.target = target }

    func forward(_ x: Tensor, context: KernelContext) -> Tensor {
        inputShape = x.shape
        return x.reshaped(TensorShape(batch: x.shape.batch, channels: x.shape.channels, height: target.height, width: target.width))
    }

    func backward(_ dy: Tensor, needsInputGradient: Bool, context: KernelContext) -> Tensor? {
        guard needsInputGradient else { return nil }
        return dy.reshaped(inputShape)
    }
}

extension OpKernel {
    /// Positions regrouped, values unchanged.
    static let reshape = OpKernel(
        kind: .reshape,
        compile: { request in
            guard case .reshape(let target) = request.node.op, target.height * target.width == request.inputShape.plane else {
                throw request.reject("its target map does not hold the input's \(request.inputShape.plane) positions")
            }
            return .kernel(ReshapeKernel(target: target))
        },
        gradientCheck: .smooth)
}
