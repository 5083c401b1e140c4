import GPathIR

/// Inputs of equal channels joined along the positions (``Op/tokenConcat``; maps of equal
/// widths, heights added): per sample and channel, the operands' row-major positions one after
/// another, y[n, c, o_k + i] = x_k[n, c, i] with o_k the positions of the operands before k.
/// Backward hands each operand its run of ∂y.
public enum TokenConcatenation {
    public static func forward(_ operands: [Tensor]) -> Tensor {
        let first = operands[0].shape
        let plane = operands.reduce(0) { $0 + $1.shape.plane }
        var y = Tensor(zeros: TensorShape(batch: first.batch, channels: first.channels, height: plane / first.width, width: first.width))
        var offset = 0
        y.storage.withUnsafeMutableBufferPointer { ys in
            for x in operands {
                let count = x.shape.plane
                x.storage.withUnsafeBufferPointer { xs in
                    for k in 0..<(first.batch * first.channels) {
                        (ys.baseAddress! + k * plane + offset).update(from: xs.baseAddress! + k * count, count: count)
                    }
                }
                offset += count
            }
        }
        return y
    }

    /// Each operand's gradient (shapes `operandShapes`, batch from ∂y).
    public static func backward(outputGradient dy: Tensor, operandShapes: [TensorShape]) -> [Tensor] {
        let plane = dy.shape.plane
        var offset = 0
        return operandShapes.map { shape in
            let count = shape.plane
            defer { offset += count }
            return dy.storage.withUnsafeBufferPointer { ds in
                Tensor(shape: shape.with(batch: dy.shape.batch)) { xs in
                    for k in 0..<(dy.shape.batch * dy.shape.channels) {
                        (xs.baseAddress! + k * count).update(from: ds.baseAddress! + k * plane + offset, count: count)
                    }
                }
            }
        }
    }
}

/// A token-concat node: its operands have different maps, so they stay apart.
final class TokenConcatKernel: OperandKernel {
    private var operandShapes: [TensorShape] = []

    func forward(_ operands: [Tensor], batch: Int, context: KernelContext) -> Tensor {
        operandShapes = operands.map(\.shape)
        return TokenConcatenation.forward(operands)
    }

    func backward(_ dy: Tensor, needsGradients: [Bool], context: KernelContext) -> [Tensor?] {
        guard needsGradients.contains(true) else { return needsGradients.map { _ in nil } }
        let gradients = TokenConcatenation.backward(outputGradient: dy, operandShapes: operandShapes)
        return zip(gradients, needsGradients).map { $1 ? $0 : nil }
    }
}

extension OpKernel {
    /// Token concat over operands of equal channels and widths.
    static let tokenConcat = OpKernel(
        kind: .tokenConcat,
        compile: { request in
            let shapes = request.operandShapes
            guard let first = shapes.first, shapes.allSatisfy({ $0.channels == first.channels && $0.width == first.width }) else {
                throw request.reject("its inputs differ in channels or map width")
            }
            return .operands(TokenConcatKernel())
        },
        gradientCheck: .smooth)
}
