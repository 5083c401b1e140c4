/// Everything a training run is asked to do, with the one default each setting has — the same
/// for `gpath train` and `gpath check --train`.
public struct TrainingSettings: Sendable, Equatable {
    public var steps: Int
    public var batchSize: Int
    /// Peak learning rate.
    public var learningRate: Double
    /// Linear warm-up steps; nil means ``defaultWarmupFraction`` of the steps.
    public var warmupSteps: Int?
    public var decay: LearningRateSchedule.Decay
    public var optimizer: OptimizerKind
    /// Seeds initialisation, data and sample order.
    public var seed: UInt64
    /// Runtime workers (same seed and threads give identical numbers).
    public var threads: Int
    /// Start the last norm of every residual branch at scale 0.
    public var zeroInitResidual: Bool
    /// Held-out samples evaluated at the end (0: none).
    public var evaluationSamples: Int
    /// Also evaluate every this many steps (0: only at the end).
    public var evaluateEvery: Int

    /// Warm-up when none is given: 5% of the steps.
    public static let defaultWarmupFraction = 0.05

    public init(
        steps: Int, batchSize: Int, learningRate: Double, warmupSteps: Int? = nil, decay: LearningRateSchedule.Decay = .cosine,
        optimizer: OptimizerKind = .sgd(momentum: 0.9, weightDecay: 5e-4), seed: UInt64 = 1, threads: Int = 1,
        zeroInitResidual: Bool = false, evaluationSamples: Int = 0, evaluateEvery: Int = 0
    ) {
        self.steps = steps
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.warmupSteps = warmupSteps
        self.decay = decay
        self.optimizer = optimizer
        self.seed = seed
        self.threads = threads
        self.zeroInitResidual = zeroInitResidual
        self.evaluationSamples = evaluationSamples
        self.evaluateEvery = evaluateEvery
    }

    /// The warm-up actually used.
    public var resolvedWarmupSteps: Int { warmupSteps ?? Int(Double(steps) * Self.defaultWarmupFraction) }

    /// The trainer's configuration.
    public var configuration: TrainingConfiguration {
        TrainingConfiguration(
            steps: steps, batchSize: batchSize,
            schedule: LearningRateSchedule(base: learningRate, warmupSteps: resolvedWarmupSteps, totalSteps: steps, decay: decay),
            optimizer: optimizer, seed: seed)
    }
}
