import GPathIR

/// A standalone activation node.
final class ActivationKernel: NodeKernel {
    let kind: Activation
    private var input = Tensor(zeros: TensorShape(batch: 0, channels: 0))

    init(_ kind: Activation) { self.kind = kind }

    func forward(_ x: Tensor, context: KernelContext) -> Tensor {
        input = x
        return ActivationFunction.forward(kind, x, parallelism: context.parallelism)
    }

    func backward(_ dy: Tensor, needsInputGradient: Bool, context: KernelContext) -> Tensor? {
        ActivationFunction.backward(kind, input: input, outputGradient: dy, parallelism: context.parallelism)
    }
}

/// A standalone batch-norm node with its own scale and shift.
final class NormalizationKernel: NodeKernel {
    let scale: Int
    let shift: Int
    var running: BatchNormalization.RunningStatistics
    private var input = Tensor(zeros: TensorShape(batch: 0, channels: 0))
    private var statistics: BatchNormalization.Statistics?
    private var lastMode = ExecutionMode.training

    init(scale: Int, shift: Int, channels: Int) {
        self.scale = scale
        self.shift = shift
        self.running = BatchNormalization.RunningStatistics(channels: channels)
    }

    func forward(_ x: Tensor, context: KernelContext) -> Tensor {
        input = x
        lastMode = context.mode
        let store = context.parameters
        let (gamma, beta) = (store.parameters[scale].value, store.parameters[shift].value)
        if context.mode == .training {
            let (y, stats) = BatchNormalization.forwardTraining(x, scale: gamma, shift: beta, running: &running, parallelism: context.parallelism)
            statistics = stats
            return y
        }
        statistics = BatchNormalization.inferenceStatistics(running)
        return BatchNormalization.forwardInference(x, scale: gamma, shift: beta, running: running)
    }

    func backward(_ dy: Tensor, needsInputGradient: Bool, context: KernelContext) -> Tensor? {
        guard let statistics else { return nil }
        let store = context.parameters
        let result = BatchNormalization.backward(
            input, outputGradient: dy, scale: store.parameters[scale].value, statistics: statistics,
            trainingMode: lastMode == .training, parallelism: context.parallelism)
        store.accumulate(result.scale, into: scale)
        store.accumulate(result.shift, into: shift)
        return result.input
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

/// Average pooling, windowed or global.
final class AveragePoolKernel: NodeKernel {
    /// nil: global average pooling.
    let pooling: Pooling?
    private var inputShape = TensorShape(batch: 0, channels: 0)

    init(_ pooling: Pooling?) { self.pooling = pooling }

    func forward(_ x: Tensor, context: KernelContext) -> Tensor {
        inputShape = x.shape
        return pooling.map { AveragePooling.forward(x, pooling: $0) } ?? GlobalPooling.averageForward(x)
    }

    func backward(_ dy: Tensor, needsInputGradient: Bool, context: KernelContext) -> Tensor? {
        guard let pooling else { return GlobalPooling.averageBackward(outputGradient: dy, inputShape: inputShape) }
        return AveragePooling.backward(outputGradient: dy, pooling: pooling, inputShape: inputShape)
    }
}

/// Nearest upsampling.
final class UpsampleKernel: NodeKernel {
    let scale: Int
    private var inputShape = TensorShape(batch: 0, channels: 0)

    init(scale: Int) { self.scale = scale }

    func forward(_ x: Tensor, context: KernelContext) -> Tensor {
        inputShape = x.shape
        return NearestUpsampling.forward(x, scale: scale)
    }

    func backward(_ dy: Tensor, needsInputGradient: Bool, context: KernelContext) -> Tensor? {
        NearestUpsampling.backward(outputGradient: dy, scale: scale, inputShape: inputShape)
    }
}

/// Dropout with a mask derived from the pass's seed and the node's index.
final class DropoutKernel: NodeKernel {
    let rate: Float
    let salt: UInt64
    private var mask: [Float]?

    init(rate: Float, salt: UInt64) {
        self.rate = rate
        self.salt = salt
    }

    func forward(_ x: Tensor, context: KernelContext) -> Tensor {
        guard context.mode == .training, rate > 0 else {
            mask = nil
            return x
        }
        let m = Dropout.mask(count: x.count, rate: rate, seed: context.randomSeed ^ (salt &* 0x9E37_79B9_7F4A_7C15))
        mask = m
        return Dropout.forward(x, mask: m)
    }

    func backward(_ dy: Tensor, needsInputGradient: Bool, context: KernelContext) -> Tensor? {
        guard let mask else { return dy }
        return Dropout.backward(outputGradient: dy, mask: mask)
    }
}
