import GPathIR

/// Max pooling over k×k windows (stride, zero-free padding: padded positions never win).
///
/// The output size follows the IR: max(1, ⌊(n + 2p − k)/s⌋ + 1); windows are clipped to the
/// input, so a window larger than the input pools all of it. Backward sends each output
/// gradient to the input position that won the forward pass (first maximum in scan order);
/// windows with no input position output 0 and pass nothing back.
public enum MaxPooling {
    /// Output and, per output element, the flat index of the winning input (−1 if none).
    public static func forward(_ x: Tensor, pooling: Pooling) -> (output: Tensor, winners: [Int32]) {
        let shape = PoolingWindow.outputShape(x.shape, pooling)
        var y = Tensor(zeros: shape)
        var winners = [Int32](repeating: -1, count: shape.count)
        x.storage.withUnsafeBufferPointer { xs in
            y.storage.withUnsafeMutableBufferPointer { ys in
                winners.withUnsafeMutableBufferPointer { ws in
                    PoolingWindow.visit(input: x.shape, output: shape, pooling) { out, plane, ys0, ys1, xs0, xs1 in
                        var best = -Float.infinity
                        var index = -1
                        for iy in ys0..<ys1 {
                            for ix in xs0..<xs1 {
                                let i = plane + iy * x.shape.width + ix
                                if xs[i] > best || index < 0 {
                                    best = xs[i]
                                    index = i
                                }
                            }
                        }
                        ys[out] = index < 0 ? 0 : best
                        ws[out] = Int32(index)
                    }
                }
            }
        }
        return (y, winners)
    }

    /// ∂x: each output gradient added to its winner.
    public static func backward(outputGradient dy: Tensor, winners: [Int32], inputShape: TensorShape) -> Tensor {
        var dx = Tensor(zeros: inputShape)
        dx.storage.withUnsafeMutableBufferPointer { dxs in
            dy.storage.withUnsafeBufferPointer { dys in
                for i in 0..<dys.count where winners[i] >= 0 {
                    dxs[Int(winners[i])] += dys[i]
                }
            }
        }
        return dx
    }
}

/// Window geometry shared by max and average pooling.
enum PoolingWindow {
    static func outputShape(_ input: TensorShape, _ p: Pooling) -> TensorShape {
        TensorShape(
            batch: input.batch, channels: input.channels,
            height: p.output(Spatial(height: input.height, width: input.width)).height,
            width: p.output(Spatial(height: input.height, width: input.width)).width)
    }

    /// Calls `body(outputIndex, inputPlaneStart, y0, y1, x0, x1)` for every output element with
    /// its window clipped to the input (possibly empty).
    @inline(__always)
    static func visit(
        input: TensorShape, output: TensorShape, _ p: Pooling,
        _ body: (Int, Int, Int, Int, Int, Int) -> Void
    ) {
        var out = 0
        for plane in 0..<(input.batch * input.channels) {
            let start = plane * input.plane
            for oy in 0..<output.height {
                let y0 = max(0, oy * p.stride.height - p.padding.height)
                let y1 = min(input.height, oy * p.stride.height - p.padding.height + p.kernel.height)
                for ox in 0..<output.width {
                    let x0 = max(0, ox * p.stride.width - p.padding.width)
                    let x1 = min(input.width, ox * p.stride.width - p.padding.width + p.kernel.width)
                    body(out, start, y0, max(y0, y1), x0, max(x0, x1))
                    out += 1
                }
            }
        }
    }
}

/// Max pooling, windowed or global.
final class MaxPoolKernel: NodeKernel {
    /// nil: global max pooling.
    let pooling: Pooling?
    private var winners: [Int32] = []
    private var inputShape = TensorShape(batch: 0, channels: 0)

    init(_ pooling: Pooling?) { self.pooling = pooling }

    func forward(_ x: Tensor, context: KernelContext) -> Tensor {
        inputShape = x.shape
        let result = pooling.map { MaxPooling.forward(x, pooling: $0) } ?? GlobalPooling.maxForward(x)
        winners = result.winners
        return result.output
    }

    func backward(_ dy: Tensor, needsInputGradient: Bool, context: KernelContext) -> Tensor? {
        MaxPooling.backward(outputGradient: dy, winners: winners, inputShape: inputShape)
    }
}

extension OpKernel {
    /// Windowed max pooling; ties are kinks.
    static let maxPool = OpKernel(
        kind: .maxPool,
        compile: { request in
            guard let p = request.node.op.poolingWindow else { throw request.reject("not a pooling") }
            return .kernel(MaxPoolKernel(p))
        },
        gradientCheck: .finiteDifferences(kinks: { _ in [] }, distinct: true))
}
