import Foundation
import GPathIR

/// Softmax over an axis (``SoftmaxAxis``): over the channels at each position (attention
/// scores, whose channels are the keys) or over the positions of each channel.
///
/// Each normalised vector v: y_i = exp(v_i − max v) / Σ_j exp(v_j − max v) (the max is
/// subtracted so no exp overflows); backward ∂v_i = y_i · (∂y_i − Σ_j ∂y_j·y_j). Over channels
/// the vector's elements lie `plane` apart in storage, over positions they are contiguous.
public enum Softmax {
    public static func forward(_ x: Tensor, axis: SoftmaxAxis, parallelism: Parallelism = .serial) -> Tensor {
        let layout = Layout(x.shape, axis: axis)
        return x.storage.withUnsafeBufferPointer { xs in
            let source = SharedPointer(UnsafeMutablePointer(mutating: xs.baseAddress!))
            return Tensor(shape: x.shape) { ys in
                let target = SharedPointer(ys.baseAddress!)
                parallelism.run(layout.vectors) { v in
                    let (xp, yp) = (source.base, target.base)
                    let base = layout.start(v)
                    var largest = -Float.infinity
                    for i in 0..<layout.count { largest = max(largest, xp[base + i * layout.stride]) }
                    var sum: Float = 0
                    for i in 0..<layout.count {
                        let e = exp(xp[base + i * layout.stride] - largest)
                        yp[base + i * layout.stride] = e
                        sum += e
                    }
                    let inverse = 1 / sum
                    for i in 0..<layout.count { yp[base + i * layout.stride] *= inverse }
                }
            }
        }
    }

    /// ∂x from the forward output `y` and ∂y.
    public static func backward(output y: Tensor, outputGradient dy: Tensor, axis: SoftmaxAxis, parallelism: Parallelism = .serial) -> Tensor {
        let layout = Layout(y.shape, axis: axis)
        return y.storage.withUnsafeBufferPointer { ys in
            dy.storage.withUnsafeBufferPointer { dys in
                let (output, gradient) = (SharedPointer(UnsafeMutablePointer(mutating: ys.baseAddress!)), SharedPointer(UnsafeMutablePointer(mutating: dys.baseAddress!)))
                return Tensor(shape: y.shape) { dxs in
                    let target = SharedPointer(dxs.baseAddress!)
                    parallelism.run(layout.vectors) { v in
                        let (yp, gp, dp) = (output.base, gradient.base, target.base)
                        let base = layout.start(v)
                        var dot: Float = 0
                        for i in 0..<layout.count { dot += gp[base + i * layout.stride] * yp[base + i * layout.stride] }
                        for i in 0..<layout.count {
                            let j = base + i * layout.stride
                            dp[j] = yp[j] * (gp[j] - dot)
                        }
                    }
                }
            }
        }
    }

    /// Where the normalised vectors lie in NCHW storage: `vectors` of them, each `count`
    /// elements `stride` apart from ``start(_:)``.
    struct Layout {
        let vectors: Int
        let count: Int
        let stride: Int
        let channels: Int
        let plane: Int
        let axis: SoftmaxAxis

        init(_ shape: TensorShape, axis: SoftmaxAxis) {
            (channels, plane, self.axis) = (shape.channels, shape.plane, axis)
            switch axis {
            case .channels: (vectors, count, stride) = (shape.batch * shape.plane, shape.channels, shape.plane)
            case .positions: (vectors, count, stride) = (shape.batch * shape.channels, shape.plane, 1)
            }
        }

        /// The storage index of vector v's first element.
        func start(_ v: Int) -> Int {
            switch axis {
            case .channels: (v / plane) * channels * plane + v % plane
            case .positions: v * plane
            }
        }
    }
}

/// A softmax node; keeps its output for backward.
final class SoftmaxKernel: NodeKernel {
    let axis: SoftmaxAxis
    private var output = Tensor(zeros: TensorShape(batch: 0, channels: 0))

    init(axis: SoftmaxAxis) { self.axis = axis }

    func forward(_ x: Tensor, context: KernelContext) -> Tensor {
        output = Softmax.forward(x, axis: axis, parallelism: context.parallelism)
        return output
    }

    func backward(_ dy: Tensor, needsInputGradient: Bool, context: KernelContext) -> Tensor? {
        guard needsInputGradient else { return nil }
        return Softmax.backward(output: output, outputGradient: dy, axis: axis, parallelism: context.parallelism)
    }
}

extension OpKernel {
    /// Softmax over the channels or the positions.
    static let softmax = OpKernel(
        kind: .softmax,
        compile: { request in
            guard case .softmax(let axis) = request.node.op else { throw request.reject("not a softmax") }
            return .kernel(SoftmaxKernel(axis: axis))
        },
        gradientCheck: .smooth)
}
