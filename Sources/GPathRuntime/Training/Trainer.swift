/// Hyper-parameters of a training run.
public struct TrainingConfiguration: Sendable, Equatable {
    public var steps: Int
    public var batchSize: Int
    public var schedule: LearningRateSchedule
    public var optimizer: OptimizerKind
    /// Seeds the sample order (and dropout); initialisation has its own seed.
    public var seed: UInt64

    public init(steps: Int, batchSize: Int, schedule: LearningRateSchedule, optimizer: OptimizerKind, seed: UInt64) {
        self.steps = steps
        self.batchSize = batchSize
        self.schedule = schedule
        self.optimizer = optimizer
        self.seed = seed
    }
}

/// Training stopped because a value became NaN or infinite.
public struct TrainingDivergence: Error, Equatable, CustomStringConvertible {
    /// 1-based step at which it happened.
    public let step: Int
    /// The node (layer) where the first non-finite value appeared.
    public let node: String
    /// `forward` (an output), `backward` (a gradient) or `update` (a parameter value).
    public let phase: String

    public init(step: Int, node: String, phase: String) {
        self.step = step
        self.node = node
        self.phase = phase
    }

    public var description: String {
        "training diverged at step \(step): non-finite \(phase == "forward" ? "output" : phase == "backward" ? "gradient" : "parameter") in `\(node)` (\(phase))"
    }
}

/// What one step did.
public struct StepResult: Sendable, Equatable {
    /// 1-based.
    public let step: Int
    /// Σ of the losses on this batch (before the update).
    public let loss: Double
    /// Accuracy of the headline loss on this batch.
    public let accuracy: Double
    public let learningRate: Double

    public init(step: Int, loss: Double, accuracy: Double, learningRate: Double) {
        self.step = step
        self.loss = loss
        self.accuracy = accuracy
        self.learningRate = learningRate
    }
}

/// Runs the training loop one step at a time: sample a batch (epoch-wise shuffled by the seed),
/// forward, backward, check for NaN/∞, update. Deterministic for a given seed and OpenBLAS
/// thread count.
public final class Trainer {
    public let network: Network
    public let data: DataSplit
    public let configuration: TrainingConfiguration
    private var optimizer: any Optimizer
    /// Steps done so far.
    public private(set) var step = 0
    private var order: [Int] = []
    private var position = 0
    private var epoch: UInt64 = 0

    public init(network: Network, data: DataSplit, configuration: TrainingConfiguration) {
        self.network = network
        self.data = data
        self.configuration = configuration
        self.optimizer = configuration.optimizer.make()
    }

    /// The loss whose accuracy is reported: the last cross-entropy (or generic) loss in
    /// declaration order, else the last loss.
    public static func headline(_ losses: [LossValue]) -> LossValue? {
        losses.last { $0.kind != .meanSquaredError } ?? losses.last
    }

    /// The next batch's sample indices.
    public func nextIndices() -> [Int] {
        var indices: [Int] = []
        while indices.count < configuration.batchSize {
            if position >= order.count {
                var random = SeededRandom(seed: configuration.seed, stream: epoch)
                order = Array(0..<data.training.count).shuffled(using: &random)
                position = 0
                epoch += 1
            }
            let take = min(configuration.batchSize - indices.count, order.count - position)
            indices.append(contentsOf: order[position..<(position + take)])
            position += take
        }
        return indices
    }

    /// Forward and backward on the next batch, without updating (for gradient norms at
    /// initialisation). Throws ``TrainingDivergence`` on NaN/∞.
    @discardableResult
    public func computeGradients() throws -> [LossValue] {
        let (images, labels) = data.training.batch(nextIndices())
        let losses = try network.forward([images], labels: labels, mode: .training, randomSeed: configuration.seed &+ UInt64(step))
        if !network.totalLoss.isFinite {
            let node = network.firstNonFiniteOutput()?.name ?? losses.first { !$0.value.isFinite }?.name ?? "?"
            throw TrainingDivergence(step: step + 1, node: node, phase: "forward")
        }
        network.backward()
        if !network.globalGradientNorm.isFinite {
            let node = network.firstNonFiniteParameter().map { network.graph[$0.node].name } ?? "?"
            throw TrainingDivergence(step: step + 1, node: node, phase: "backward")
        }
        return losses
    }

    /// One training step; `observe` sees the network after backward, before the update (its
    /// parameter gradients are this batch's).
    public func runStep(observe: ((Network) -> Void)? = nil) throws -> StepResult {
        let losses = try computeGradients()
        observe?(network)
        let rate = configuration.schedule.rate(at: step)
        optimizer.step(network.parameters, learningRate: rate)
        step += 1
        if let bad = network.parameters.parameters.first(where: { !$0.value.allSatisfy(\.isFinite) }) {
            throw TrainingDivergence(step: step, node: network.graph[bad.node].name, phase: "update")
        }
        return StepResult(
            step: step, loss: losses.reduce(0) { $0 + $1.value },
            accuracy: Self.headline(losses)?.accuracy ?? 0, learningRate: rate)
    }

    /// Mean loss and accuracy over the first `samples` evaluation images, in inference mode.
    public func evaluate(samples: Int, batchSize: Int? = nil) throws -> (loss: Double, accuracy: Double) {
        let total = min(samples, data.evaluation.count)
        let size = max(1, batchSize ?? configuration.batchSize)
        var loss = 0.0
        var correct = 0
        var positions = 0
        var start = 0
        while start < total {
            let indices = Array(start..<min(total, start + size))
            let (images, labels) = data.evaluation.batch(indices)
            let losses = try network.forward([images], labels: labels, mode: .inference)
            loss += losses.reduce(0) { $0 + $1.value } * Double(indices.count)
            if let headline = Self.headline(losses) {
                correct += headline.correct
                positions += headline.positions
            }
            start += size
        }
        return (loss / Double(max(1, total)), positions == 0 ? 0 : Double(correct) / Double(positions))
    }
}
