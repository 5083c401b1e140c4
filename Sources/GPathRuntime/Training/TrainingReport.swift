import GPathIR

/// The JSON model of a training run (`gpath train --format json`): configuration, history,
/// evaluations, summary, per-layer norms and divergence. Encoded with sorted keys, so the same
/// seed and thread count give the same bytes. Field names are the JSON's (snake_case).
public struct TrainingReport: Encodable, Sendable {
    public struct Tool: Encodable, Sendable {
        let name: String
        let version: String
    }

    public struct Optimizer: Encodable, Sendable {
        let kind: String
        let momentum: Double?
        let beta1: Double?
        let beta2: Double?
        let epsilon: Double?
        let weight_decay: Double
    }

    public struct LearningRate: Encodable, Sendable {
        let peak: Double
        let warmup_steps: Int
        let decay: String
    }

    public struct Configuration: Encodable, Sendable {
        let steps: Int
        let batch: Int
        let seed: UInt64
        let threads: Int
        let optimizer: Optimizer
        let learning_rate: LearningRate
        let zero_init_residual: Bool
    }

    public struct History: Encodable, Sendable {
        let loss: [Double]
        let accuracy: [Double]
        let learning_rate: [Double]
    }

    public struct Evaluation: Encodable, Sendable {
        let step: Int
        let loss: Double
        let accuracy: Double
    }

    public struct Summary: Encodable, Sendable {
        let initial_loss: Double
        let final_loss: Double
        let initial_accuracy: Double
        let final_accuracy: Double
        let loss_drop: Double
        let window_steps: Int
        let status: String
    }

    public struct Layer: Encodable, Sendable {
        let name: String
        let kind: String
        let gradient_norm_initial: Double?
        let gradient_norm_final: Double?
        let weight_norm_initial: Double?
        let weight_norm_final: Double?
    }

    public struct Divergence: Encodable, Sendable {
        let step: Int
        let layer: String
        let phase: String
    }

    /// Version of this JSON's layout.
    public static let schemaVersion = 2

    let schema_version: Int
    let tool: Tool
    let input: String
    let network: String
    let data: String
    let parameters: Int
    let configuration: Configuration
    let history: History
    let evaluations: [Evaluation]
    let summary: Summary
    let layers: [Layer]
    let diverged: Divergence?

    /// The report of `outcome`, run by `session` on the file `input`, written by gpath
    /// `toolVersion`. Non-finite numbers (a diverged run's norms) become null.
    public init(session: TrainingSession, outcome: TrainingOutcome, input: String, toolVersion: String, requiredDrop: Double? = nil) {
        let settings = session.settings
        let optimizer: Optimizer = switch settings.optimizer {
        case .sgd(let momentum, let decay):
            Optimizer(kind: "sgd", momentum: momentum, beta1: nil, beta2: nil, epsilon: nil, weight_decay: decay)
        case .adam(let beta1, let beta2, let epsilon, let decay):
            Optimizer(kind: "adam", momentum: nil, beta1: beta1, beta2: beta2, epsilon: epsilon, weight_decay: decay)
        }
        func finite(_ value: Double) -> Double? { value.isFinite ? value : nil }
        let final = Dictionary(outcome.finalNorms.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        schema_version = Self.schemaVersion
        tool = Tool(name: "gpath", version: toolVersion)
        self.input = input
        network = session.graph.name
        data = session.data.training.name
        parameters = session.network.parameters.scalarCount
        configuration = Configuration(
            steps: settings.steps, batch: settings.batchSize, seed: settings.seed, threads: settings.threads, optimizer: optimizer,
            learning_rate: LearningRate(peak: settings.learningRate, warmup_steps: settings.resolvedWarmupSteps, decay: settings.decay.rawValue),
            zero_init_residual: settings.zeroInitResidual)
        history = History(
            loss: outcome.history.map(\.loss), accuracy: outcome.history.map(\.accuracy),
            learning_rate: outcome.history.map(\.learningRate))
        evaluations = outcome.evaluations.map { Evaluation(step: $0.step, loss: $0.loss, accuracy: $0.accuracy) }
        summary = Summary(
            initial_loss: outcome.initialLoss, final_loss: outcome.finalLoss,
            initial_accuracy: outcome.initialAccuracy, final_accuracy: outcome.finalAccuracy,
            loss_drop: outcome.drop, window_steps: outcome.window, status: outcome.status(requiredDrop: requiredDrop))
        layers = outcome.initialNorms.map { initial in
            let end = final[initial.name]
            return Layer(
                name: initial.name, kind: session.graph.node(named: initial.name)?.op.kindName ?? "?",
                gradient_norm_initial: finite(initial.weightGradient), gradient_norm_final: end.flatMap { finite($0.weightGradient) },
                weight_norm_initial: finite(initial.weight), weight_norm_final: end.flatMap { finite($0.weight) })
        }
        diverged = outcome.divergence.map { Divergence(step: $0.step, layer: $0.node, phase: $0.phase) }
    }

    /// Encodes optionals as explicit nulls for the fields readers test (`diverged`, norms).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(schema_version, forKey: .schema_version)
        try container.encode(tool, forKey: .tool)
        try container.encode(input, forKey: .input)
        try container.encode(network, forKey: .network)
        try container.encode(data, forKey: .data)
        try container.encode(parameters, forKey: .parameters)
        try container.encode(configuration, forKey: .configuration)
        try container.encode(history, forKey: .history)
        try container.encode(evaluations, forKey: .evaluations)
        try container.encode(summary, forKey: .summary)
        try container.encode(layers, forKey: .layers)
        try container.encode(diverged, forKey: .diverged)
    }

    private enum Key: String, CodingKey {
        case schema_version, tool, input, network, data, parameters, configuration, history, evaluations, summary, layers, diverged
    }
}
