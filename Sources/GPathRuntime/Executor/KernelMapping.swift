import GPathIR

/// The closed mapping from ``Op`` to kernels: every op the IR has is either compiled here or
/// rejected with an error naming the node and the op. Adding an `Op` case fails to compile
/// until it is mapped, because the switches are exhaustive.
enum KernelMapping {
    /// A compiled node.
    enum Compiled {
        /// The k-th network input (in `graph.inputs` order).
        case input(Int)
        case kernel(NodeKernel)
        case loss(LossKernel)
    }

    static func compile(
        _ node: Node, inputShape: TensorShape, inputIndex: Int, store: ParameterStore
    ) throws -> Compiled {
        let channels = node.channels
        func reject(_ reason: String) -> RuntimeError {
            RuntimeError.unsupportedOp(node: node.name, op: node.op.kindName, reason: reason)
        }
        func norm(fanIn: Int = 1) -> (scale: Int, shift: Int) {
            let scale = store.add(Parameter(name: node.name + ".scale", node: node.id, role: .scale, fanIn: fanIn, value: [Float](repeating: 1, count: channels)))
            let shift = store.add(Parameter(name: node.name + ".shift", node: node.id, role: .shift, fanIn: fanIn, value: [Float](repeating: 0, count: channels)))
            return (scale, shift)
        }
        func weighted(_ product: WeightedKernel.Product, weights: Int, fanIn: Int, bias: Bool, normalized: Bool, activation: Activation?) -> Compiled {
            let weight = store.add(Parameter(name: node.name + ".weight", node: node.id, role: .weight, fanIn: fanIn, value: [Float](repeating: 0, count: weights)))
            let biasIndex = bias && !normalized
                ? store.add(Parameter(name: node.name + ".bias", node: node.id, role: .bias, fanIn: fanIn, value: [Float](repeating: 0, count: channels)))
                : nil
            let norms = normalized ? norm() : nil
            return .kernel(WeightedKernel(product: product, weight: weight, bias: biasIndex, norm: norms, activation: activation, channels: channels))
        }
        func convolution(_ c: Convolution) throws -> ConvolutionGeometry {
            guard c.kernel.minimum >= 1, c.stride.minimum >= 1, c.dilation.minimum >= 1, c.padding.minimum >= 0, c.groups >= 1 else {
                throw reject("kernel \(c.kernel), stride \(c.stride), dilation \(c.dilation), padding \(c.padding) and groups \(c.groups) must be positive (padding may be 0)")
            }
            return ConvolutionGeometry(
                inputChannels: inputShape.channels, outputChannels: channels, kernel: c.kernel, stride: c.stride,
                padding: c.padding, dilation: c.dilation, groups: c.groups,
                inputHeight: inputShape.height, inputWidth: inputShape.width)
        }
        func pooling(_ p: Pooling) throws -> Pooling {
            guard p.kernel.minimum >= 1, p.stride.minimum >= 1, p.padding.minimum >= 0, p.trailingPadding.minimum >= 0 else {
                throw reject("pooling kernel \(p.kernel) and stride \(p.stride) must be positive and padding \(p.padding) not negative")
            }
            return p
        }

        switch node.op {
        case .input:
            return .input(inputIndex)
        case .convolution(let c):
            let geometry = try convolution(c)
            return weighted(.convolution(geometry), weights: geometry.weightCount, fanIn: geometry.columnRows,
                            bias: c.bias, normalized: c.normalized, activation: c.activation)
        case .layer(let groups):
            // A weighted layer known only by its grouping runs as a 1×1 grouped convolution.
            let geometry = try convolution(Convolution(kernel: 1, stride: 1, padding: 0, groups: groups))
            return weighted(.convolution(geometry), weights: geometry.weightCount, fanIn: geometry.columnRows,
                            bias: false, normalized: false, activation: nil)
        case .linear(let l):
            let features = inputShape.sampleSize
            return weighted(.linear(outputs: channels), weights: channels * features, fanIn: features,
                            bias: l.bias, normalized: l.normalized, activation: l.activation)
        case .add, .concat:
            return .kernel(IdentityKernel(passesGradient: true))
        case .stopGradient:
            return .kernel(IdentityKernel(passesGradient: false))
        case .loss(let kind):
            return .loss(LossKernel(name: node.name, kind: kind))
        case .passThrough(let kind):
            switch kind {
            case .identity, .slice:
                return .kernel(IdentityKernel(passesGradient: true))
            case .activation(let a):
                return .kernel(ActivationKernel(a))
            case .normalization:
                let (scale, shift) = norm()
                return .kernel(NormalizationKernel(scale: scale, shift: shift, channels: channels))
            case .maxPool(let p):
                return .kernel(MaxPoolKernel(try pooling(p)))
            case .averagePool(let p):
                return .kernel(AveragePoolKernel(try pooling(p)))
            case .globalAveragePool:
                return .kernel(AveragePoolKernel(nil))
            case .globalMaxPool:
                return .kernel(MaxPoolKernel(nil))
            case .upsample(let scale):
                guard scale >= 1 else { throw reject("upsampling scale \(scale) must be at least 1") }
                return .kernel(UpsampleKernel(scale: scale))
            case .dropout:
                return .kernel(DropoutKernel(rate: Dropout.defaultRate, salt: UInt64(node.id.index + 1)))
            }
        }
    }
}
