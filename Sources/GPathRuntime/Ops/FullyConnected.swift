import GPathIR

/// A fully connected layer reading each sample's C×H×W values as one feature vector (the IR's
/// `Linear`, an implicit flatten): y = x·Wᵀ + b with W (out × F), F = C·H·W, y N×out×1×1.
///
/// Backward: ∂W += ∂yᵀ·x, ∂b += Σ_n ∂y, ∂x = ∂y·W — three `cblas_sgemm` calls' worth of work.
public enum FullyConnected {
    public static func forward(_ x: Tensor, weight: [Float], bias: [Float]?, outputs: Int) -> Tensor {
        let (batch, features) = (x.shape.batch, x.shape.sampleSize)
        var y = Tensor(zeros: TensorShape(batch: batch, channels: outputs))
        x.storage.withUnsafeBufferPointer { xs in
            weight.withUnsafeBufferPointer { ws in
                y.storage.withUnsafeMutableBufferPointer { ys in
                    BLAS.gemm(
                        transposeA: false, transposeB: true, m: batch, n: outputs, k: features,
                        xs.baseAddress!, lda: features, ws.baseAddress!, ldb: features, beta: 0,
                        ys.baseAddress!, ldc: outputs)
                    if let bias {
                        for n in 0..<batch {
                            for o in 0..<outputs { ys[n * outputs + o] += bias[o] }
                        }
                    }
                }
            }
        }
        return y
    }

    /// Adds to the weight (and bias) gradients; returns ∂x when asked.
    public static func backward(
        _ x: Tensor, weight: [Float], outputGradient dy: Tensor, weightGradient: inout [Float],
        biasGradient: inout [Float]?, needsInputGradient: Bool
    ) -> Tensor? {
        let (batch, features, outputs) = (x.shape.batch, x.shape.sampleSize, dy.shape.channels)
        var dx = needsInputGradient ? Tensor(zeros: x.shape) : nil
        x.storage.withUnsafeBufferPointer { xs in
            dy.storage.withUnsafeBufferPointer { dys in
                weightGradient.withUnsafeMutableBufferPointer { dws in
                    BLAS.gemm(
                        transposeA: true, transposeB: false, m: outputs, n: features, k: batch,
                        dys.baseAddress!, lda: outputs, xs.baseAddress!, ldb: features, beta: 1,
                        dws.baseAddress!, ldc: features)
                }
                if biasGradient != nil {
                    for n in 0..<batch {
                        for o in 0..<outputs { biasGradient![o] += dys[n * outputs + o] }
                    }
                }
                guard dx != nil else { return }
                weight.withUnsafeBufferPointer { ws in
                    dx!.storage.withUnsafeMutableBufferPointer { dxs in
                        BLAS.gemm(
                            transposeA: false, transposeB: false, m: batch, n: features, k: outputs,
                            dys.baseAddress!, lda: outputs, ws.baseAddress!, ldb: features, beta: 0,
                            dxs.baseAddress!, ldc: features)
                    }
                }
            }
        }
        return dx
    }
}

extension OpKernel {
    /// A linear layer with its optional bias, folded norm and activation.
    static let linear = OpKernel(
        kind: .linear,
        compile: { request in
            guard case .linear(let l) = request.node.op else { throw request.reject("not a linear layer") }
            let features = request.inputShape.sampleSize
            return request.weighted(.linear(outputs: request.channels), weights: request.channels * features, fanIn: features,
                                    bias: l.bias, normalized: l.normalized, activation: l.activation)
        },
        gradientCheck: .smooth)
}
