import GPathIR

/// A learned per-channel multiplier (``Op/scale``: a transformer's layer scale, YOLOR's
/// ImplicitM): y[n, c] = s_c·x[n, c]; ∂x = s_c·∂y, ∂s_c = Σ ∂y·x over samples and positions.
///
/// s starts at 1 (a ``Parameter/Role/scale``, as a norm's γ), so a fresh scale is the
/// identity and adds nothing a design did not ask for; CaiT's small layer-scale start
/// (10⁻¹…10⁻⁶, by depth) would damp whole residual branches, a choice the `.net` file cannot
/// state yet.
final class ChannelScaleKernel: NodeKernel {
    let scale: Int
    private var input = Tensor(zeros: TensorShape(batch: 0, channels: 0))

    init(scale: Int) { self.scale = scale }

    func forward(_ x: Tensor, context: KernelContext) -> Tensor {
        input = x
        return Self.multiplied(x, by: context.parameters.parameters[scale].value)
    }

    func backward(_ dy: Tensor, needsInputGradient: Bool, context: KernelContext) -> Tensor? {
        let store = context.parameters
        let (gradient, _) = LayerNormalization.affineGradients(normalized: input, outputGradient: dy, parallelism: context.parallelism)
        store.accumulate(gradient, into: scale)
        return needsInputGradient ? Self.multiplied(dy, by: store.parameters[scale].value) : nil
    }

    /// t[n, c] · s_c.
    static func multiplied(_ t: Tensor, by s: [Float]) -> Tensor {
        let (channels, plane) = (t.shape.channels, t.shape.plane)
        return t.storage.withUnsafeBufferPointer { ts in
            Tensor(shape: t.shape) { ys in
                for k in 0..<(t.shape.batch * channels) {
                    let factor = s[k % channels]
                    for i in (k * plane)..<((k + 1) * plane) { ys[i] = ts[i] * factor }
                }
            }
        }
    }
}

extension OpKernel {
    /// A per-channel scale starting at 1.
    static let scale = OpKernel(
        kind: .scale,
        compile: { request in
            let index = request.store.add(Parameter(
                name: request.node.name + ".scale", node: request.node.id, role: .scale, fanIn: 1,
                value: [Float](repeating: 1, count: request.channels)))
            return .kernel(ChannelScaleKernel(scale: index))
        },
        gradientCheck: .smooth)
}
