import GPathIR

/// A weighted node: convolution (or the IR's generic `layer`, run as a 1×1 grouped
/// convolution) or linear, then optional bias, folded batch norm and activation — the
/// composition the IR folds into one node. Backward runs the pieces in reverse.
final class WeightedKernel: NodeKernel {
    enum Product {
        case convolution(ConvolutionGeometry)
        case linear(outputs: Int)
    }

    let product: Product
    let weight: Int
    let bias: Int?
    /// Scale and shift parameter indices when batch norm is folded in.
    let norm: (scale: Int, shift: Int)?
    let activation: Activation?
    var running: BatchNormalization.RunningStatistics
    // Saved by forward for backward.
    private var input = Tensor(zeros: TensorShape(batch: 0, channels: 0))
    private var product0 = Tensor(zeros: TensorShape(batch: 0, channels: 0))
    private var normalized = Tensor(zeros: TensorShape(batch: 0, channels: 0))
    private var statistics: BatchNormalization.Statistics?
    private var lastMode = ExecutionMode.training
    /// The oneDNN convolution for the last batch size, and whether the last forward used it.
    private var fastConvolution: DNNLConvolution?
    private var fastConvolutionFailed: Set<Int> = []
    private var forwardUsedFastConvolution = false
    /// ∂W as oneDNN writes it (overwritten each step), then added to the parameter's gradient.
    private var weightGradientScratch: [Float] = []

    init(product: Product, weight: Int, bias: Int?, norm: (scale: Int, shift: Int)?, activation: Activation?, channels: Int) {
        self.product = product
        self.weight = weight
        self.bias = bias
        self.norm = norm
        self.activation = activation
        self.running = BatchNormalization.RunningStatistics(channels: channels)
    }

    func forward(_ x: Tensor, context: KernelContext) -> Tensor {
        let store = context.parameters
        input = x
        lastMode = context.mode
        var z: Tensor
        switch product {
        case .convolution(let geometry):
            if let fast = fastConvolution(geometry, batch: x.shape.batch, context: context) {
                z = Tensor(shape: TensorShape(batch: x.shape.batch, channels: geometry.outputChannels, height: geometry.outputHeight, width: geometry.outputWidth)) { ys in
                    x.storage.withUnsafeBufferPointer { xs in
                        store.parameters[weight].value.withUnsafeBufferPointer { ws in fast.forward(xs.baseAddress!, weight: ws.baseAddress!, into: ys.baseAddress!, workspace: context.workspace) }
                    }
                }
                forwardUsedFastConvolution = true
            } else {
                z = Convolution2D.forward(x, weight: store.parameters[weight].value, geometry: geometry, workspace: context.workspace, parallelism: context.parallelism)
                forwardUsedFastConvolution = false
            }
            if let bias { Self.addBias(&z, store.parameters[bias].value) }
        case .linear(let outputs):
            z = FullyConnected.forward(x, weight: store.parameters[weight].value, bias: bias.map { store.parameters[$0].value }, outputs: outputs)
        }
        product0 = z
        if let norm {
            let scale = store.parameters[norm.scale].value
            let shift = store.parameters[norm.shift].value
            if context.mode == .training {
                let (y, stats) = BatchNormalization.forwardTraining(z, scale: scale, shift: shift, running: &running, parallelism: context.parallelism)
                z = y
                statistics = stats
            } else {
                z = BatchNormalization.forwardInference(z, scale: scale, shift: shift, running: running)
                statistics = BatchNormalization.inferenceStatistics(running)
            }
        }
        normalized = z
        guard let activation else { return z }
        return ActivationFunction.forward(activation, z, parallelism: context.parallelism)
    }

    func backward(_ dy: Tensor, needsInputGradient: Bool, context: KernelContext) -> Tensor? {
        let store = context.parameters
        // A ReLU after the norm is folded into the norm's backward passes.
        let reluIntoNorm = activation == .relu && norm != nil && statistics != nil
        var d = reluIntoNorm ? dy : activation.map { ActivationFunction.backward($0, input: normalized, outputGradient: dy, parallelism: context.parallelism) } ?? dy
        if let norm, let statistics {
            let result = BatchNormalization.backward(
                product0, outputGradient: d, scale: store.parameters[norm.scale].value, statistics: statistics,
                trainingMode: lastMode == .training, reluInput: reluIntoNorm ? normalized : nil, parallelism: context.parallelism)
            store.accumulate(result.scale, into: norm.scale)
            store.accumulate(result.shift, into: norm.shift)
            d = result.input
        }
        switch product {
        case .convolution(let geometry):
            if let bias { Self.accumulateBiasGradient(d, into: &store.parameters[bias].gradient) }
            if forwardUsedFastConvolution, let fast = fastConvolution {
                return fastBackward(fast, outputGradient: d, weightGradient: &store.parameters[weight].gradient, needsInputGradient: needsInputGradient, context: context)
            }
            return Convolution2D.backward(
                input, weight: store.parameters[weight].value, outputGradient: d, geometry: geometry,
                weightGradient: &store.parameters[weight].gradient, needsInputGradient: needsInputGradient,
                workspace: context.workspace, parallelism: context.parallelism)
        case .linear:
            var biasGradient = bias.map { store.parameters[$0].gradient }
            let dx = FullyConnected.backward(
                input, weight: store.parameters[weight].value, outputGradient: d,
                weightGradient: &store.parameters[weight].gradient, biasGradient: &biasGradient,
                needsInputGradient: needsInputGradient)
            if let bias, let biasGradient { store.parameters[bias].gradient = biasGradient }
            return dx
        }
    }

    /// The oneDNN convolution for `batch` samples, made on first use; nil when oneDNN has
    /// none for the geometry (or `GPATH_CONVOLUTION=im2col` asks for the im2col path).
    private func fastConvolution(_ geometry: ConvolutionGeometry, batch: Int, context: KernelContext) -> DNNLConvolution? {
        guard DNNL.isEnabled, !fastConvolutionFailed.contains(batch) else { return nil }
        DNNL.setThreads(context.parallelism.workers)
        if let fast = fastConvolution, fast.batch == batch { return fast }
        fastConvolution = DNNLConvolution(geometry: geometry, batch: batch)
        if fastConvolution == nil { fastConvolutionFailed.insert(batch) }
        return fastConvolution
    }

    private func fastBackward(
        _ fast: DNNLConvolution, outputGradient d: Tensor, weightGradient: inout [Float], needsInputGradient: Bool, context: KernelContext
    ) -> Tensor? {
        DNNL.setThreads(context.parallelism.workers)
        if weightGradientScratch.count != weightGradient.count { weightGradientScratch = [Float](repeating: 0, count: weightGradient.count) }
        var dx: Tensor?
        let weights = context.parameters.parameters[weight].value
        input.storage.withUnsafeBufferPointer { xs in
            weights.withUnsafeBufferPointer { ws in
                d.storage.withUnsafeBufferPointer { ds in
                    weightGradientScratch.withUnsafeMutableBufferPointer { scratch in
                        func run(_ dxs: UnsafeMutablePointer<Float>?) {
                            fast.backward(input: xs.baseAddress!, weight: ws.baseAddress!, outputGradient: ds.baseAddress!,
                                          weightGradient: scratch.baseAddress!, inputGradient: dxs, workspace: context.workspace)
                        }
                        if needsInputGradient {
                            dx = Tensor(shape: input.shape) { run($0.baseAddress!) }
                        } else {
                            run(nil)
                        }
                    }
                }
            }
        }
        for i in weightGradient.indices { weightGradient[i] += weightGradientScratch[i] }
        return dx
    }

    /// Adds `bias[c]` to every element of channel c.
    static func addBias(_ z: inout Tensor, _ bias: [Float]) {
        let (channels, plane) = (z.shape.channels, z.shape.plane)
        z.storage.withUnsafeMutableBufferPointer { zs in
            for n in 0..<z.shape.batch {
                for c in 0..<channels {
                    let start = (n * channels + c) * plane
                    for i in start..<(start + plane) { zs[i] += bias[c] }
                }
            }
        }
    }

    /// ∂b_c += Σ over samples and positions of ∂z in channel c.
    static func accumulateBiasGradient(_ dz: Tensor, into gradient: inout [Float]) {
        let (channels, plane) = (dz.shape.channels, dz.shape.plane)
        dz.storage.withUnsafeBufferPointer { ds in
            for n in 0..<dz.shape.batch {
                for c in 0..<channels {
                    gradient[c] += VectorReduction.sum(ds.baseAddress! + (n * channels + c) * plane, plane)
                }
            }
        }
    }
}

extension KernelRequest {
    /// A ``WeightedKernel`` with its weight (zeros until ``Initialization``), bias unless
    /// normalised, and folded norm's scale and shift.
    func weighted(
        _ product: WeightedKernel.Product, weights: Int, fanIn: Int, bias: Bool, normalized: Bool, activation: Activation?
    ) -> CompiledNode {
        let weight = store.add(Parameter(name: node.name + ".weight", node: node.id, role: .weight, fanIn: fanIn, value: [Float](repeating: 0, count: weights)))
        let biasIndex = bias && !normalized
            ? store.add(Parameter(name: node.name + ".bias", node: node.id, role: .bias, fanIn: fanIn, value: [Float](repeating: 0, count: channels)))
            : nil
        let norms = normalized ? norm() : nil
        return .kernel(WeightedKernel(product: product, weight: weight, bias: biasIndex, norm: norms, activation: activation, channels: channels))
    }
}
