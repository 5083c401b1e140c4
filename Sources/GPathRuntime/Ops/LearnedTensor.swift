import GPathIR

/// A learned tensor (``Op/learned``: a class token, a positional embedding): no input, C×H×W
/// trainable values θ broadcast over the batch — y[n] = θ for every sample n — so
/// ∂θ = Σ_n ∂y[n]. A tensor gathered from a table of k entries (``LearnedTable``) holds k
/// values and reads value i from entry i mod k (the real gathering index is data the IR does
/// not hold): y[n][i] = θ[i mod k], ∂θ[j] = Σ_n Σ_{i ≡ j} ∂y[n][i].
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
        let size = shape.sampleSize
        return Tensor(shape: shape.with(batch: batch)) { ys in
            theta.withUnsafeBufferPointer { t in
                for n in 0..<batch {
                    var i = 0
                    while i < size {  // the table repeated over the sample (once when dense)
                        let run = min(t.count, size - i)
                        (ys.baseAddress! + n * size + i).update(from: t.baseAddress!, count: run)
                        i += run
                    }
                }
            }
        }
    }

    func backward(_ dy: Tensor, needsGradients: [Bool], context: KernelContext) -> [Tensor?] {
        let size = shape.sampleSize
        context.parameters.parameters[value].gradient.withUnsafeMutableBufferPointer { g in
            dy.storage.withUnsafeBufferPointer { ds in
                let entries = g.count
                for n in 0..<dy.shape.batch {
                    for i in 0..<size { g[i % entries] += ds[n * size + i] }
                }
            }
        }
        return []
    }
}

extension OpKernel {
    /// A learned tensor: one parameter of C·H·W values, or of its table's entries.
    static let learned = OpKernel(
        kind: .learned,
        compile: { request in
            let shape = request.inputShape
            var entries = shape.sampleSize
            if case .learned(let table) = request.node.op, let count = table.entries { entries = min(max(1, count), entries) }
            let value = request.store.add(Parameter(
                name: request.node.name + ".value", node: request.node.id, role: .learned, fanIn: 1,
                value: [Float](repeating: 0, count: entries)))
            return .operands(LearnedTensorKernel(value: value, shape: shape))
        },
        gradientCheck: .smooth)
}
