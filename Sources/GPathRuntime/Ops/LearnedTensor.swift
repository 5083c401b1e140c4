import GPathIR

/// A learned tensor (``Op/learned``: a class token, a positional embedding): no input, C×H×W
/// trainable values θ broadcast over the batch — y[n] = θ for every sample n — so
/// ∂θ = Σ_n ∂y[n].
///
/// ``Initialization`` draws θ from N(0, 0.02²), as ViT's reference implementation initialises
/// its class token and positional embedding (timm's `trunc_normal_(std=0.02)`, untruncated
/// here): small beside the unit-scale patch embeddings it is added to, yet not all equal, so
/// positions are told apart from the first step. Seeded, like every parameter.
final class LearnedTensorKernel: OperandKernel {
    let value: Int
    let shape: TensorShape

    init(value: Int, shape: TensorShape) { (self.value, self.shape) = (value, shape) }

    func forward(_ operands: [Tensor], batch: Int, context: KernelContext) -> Tensor {
        let theta = context.parameters.parameters[value].value
        return Tensor(shape: shape.with(batch: batch)) { ys in
            for n in 0..<batch {
                theta.withUnsafeBufferPointer { (ys.baseAddress! + n * theta.count).update(from: $0.baseAddress!, count: theta.count) }
            }
        }
    }

    func backward(_ dy: Tensor, needsGradients: [Bool], context: KernelContext) -> [Tensor?] {
        let size = shape.sampleSize
        context.parameters.parameters[value].gradient.withUnsafeMutableBufferPointer { g in
            dy.storage.withUnsafeBufferPointer { ds in
                for n in 0..<dy.shape.batch {
                    for i in 0..<size { g[i] += ds[n * size + i] }
                }
            }
        }
        return []
    }
}

extension OpKernel {
    /// A learned tensor: one parameter of C·H·W values.
    static let learned = OpKernel(
        kind: .learned,
        compile: { request in
            let shape = request.inputShape
            let value = request.store.add(Parameter(
                name: request.node.name + ".value", node: request.node.id, role: .learned, fanIn: 1,
                value: [Float](repeating: 0, count: shape.sampleSize)))
            return .operands(LearnedTensorKernel(value: value, shape: shape))
        },
        gradientCheck: .smooth)
}
