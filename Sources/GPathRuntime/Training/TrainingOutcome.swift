/// What a training run did, and the summary figures both commands report — one definition of
/// "the loss at the start and at the end".
public struct TrainingOutcome: Sendable {
    public var history: [StepResult] = []
    /// Held-out evaluations: (step, loss, accuracy).
    public var evaluations: [Evaluation] = []
    /// Per-layer norms at initialisation (the first step's gradients, before any update).
    public var initialNorms: [Network.LayerNorms] = []
    /// Per-layer norms after the last step (or where the run diverged).
    public var finalNorms: [Network.LayerNorms] = []
    /// Set when a value became NaN or infinite; the history stops there.
    public var divergence: TrainingDivergence?

    public init() {}

    /// One held-out evaluation.
    public struct Evaluation: Sendable, Equatable {
        public let step: Int
        public let loss: Double
        public let accuracy: Double
    }

    /// Steps averaged for the start and the end: 10% of the steps run, at least 3, at most half
    /// of them (and at least 1), so one noisy batch does not decide and the two windows never
    /// overlap.
    public static func window(steps: Int) -> Int {
        max(1, min(steps / 2, max(3, steps / 10)))
    }

    public var window: Int { Self.window(steps: history.count) }
    public var initialLoss: Double { mean(history.prefix(window).map(\.loss)) }
    public var finalLoss: Double { mean(history.suffix(window).map(\.loss)) }
    public var initialAccuracy: Double { mean(history.prefix(window).map(\.accuracy)) }
    public var finalAccuracy: Double { mean(history.suffix(window).map(\.accuracy)) }

    /// Fraction by which the loss fell (negative when it rose; 0 when it diverged or the loss
    /// is not finite).
    public var drop: Double {
        guard divergence == nil, initialLoss > 0, finalLoss.isFinite, initialLoss.isFinite else { return 0 }
        return (initialLoss - finalLoss) / initialLoss
    }

    /// `trained`, `diverged`, or `insufficient-drop` when `requiredDrop` was not reached.
    public func status(requiredDrop: Double? = nil) -> String {
        if divergence != nil { return "diverged" }
        if let requiredDrop, drop < requiredDrop { return "insufficient-drop" }
        return "trained"
    }

    private func mean(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }
}
