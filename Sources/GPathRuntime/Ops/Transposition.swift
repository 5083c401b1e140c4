import GPathIR

/// Channels and positions swapped (``Op/transpose``): a C×H×W map becomes (H·W)×C×1, so
/// y[n, p, c, 0] = x[n, c, p] with p the row-major position. Per sample its storage is the
/// C×P matrix transposed to P×C; backward transposes ∂y back.
public enum Transposition {
    public static func forward(_ x: Tensor) -> Tensor {
        let (channels, plane) = (x.shape.channels, x.shape.plane)
        return transposed(x, rows: channels, columns: plane, shape: TensorShape(batch: x.shape.batch, channels: plane, height: channels, width: 1))
    }

    /// ∂x of the input shape `inputShape` from ∂y.
    public static func backward(outputGradient dy: Tensor, inputShape: TensorShape) -> Tensor {
        transposed(dy, rows: dy.shape.channels, columns: dy.shape.plane, shape: inputShape.with(batch: dy.shape.batch))
    }

    /// Each sample's rows × columns matrix transposed, under `shape`.
    static func transposed(_ x: Tensor, rows: Int, columns: Int, shape: TensorShape) -> Tensor {
        let size = rows * columns
        return x.storage.withUnsafeBufferPointer { xs in
            Tensor(shape: shape) { ys in
                for n in 0..<x.shape.batch {
                    let (source, target) = (xs.baseAddress! + n * size, ys.baseAddress! + n * size)
                    for r in 0..<rows {
                        for c in 0..<columns { target[c * rows + r] = source[r * columns + c] }
                    }
                }
            }
        }
    }
}

/// A transpose node; remembers its input's shape.
final class TransposeKernel: NodeKernel {
    private var inputShape = TensorShape(batch: 0, channels: 0)

    func forward(_ x: Tensor, context: KernelContext) -> Tensor {
        inputShape = x.shape
        return Transposition.forward(x)
    }

    func backward(_ dy: Tensor, needsInputGradient: Bool, context: KernelContext) -> Tensor? {
        guard needsInputGradient else { return nil }
        return Transposition.backward(outputGradient: dy, inputShape: inputShape)
    }
}

extension OpKernel {
    /// Channels and positions swapped.
    static let transpose = OpKernel(kind: .transpose, compile: { _ in .kernel(TransposeKernel()) }, gradientCheck: .smooth)
}
