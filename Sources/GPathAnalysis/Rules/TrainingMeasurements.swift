/// What a short training run measured, for the `train_*` rules. The `gpath` command fills it
/// from the runtime; the analysis module never runs training itself.
public struct TrainingMeasurements: Sendable, Hashable {
    public var initialLoss: Double
    public var finalLoss: Double
    /// The step and layer where a NaN/Inf appeared, if any.
    public var nonFinite: (step: Int, layer: String)?
    /// Weight-gradient L2 norm per reachable layer at initialisation.
    public var initialGradientNorms: [String: Double]

    public init(initialLoss: Double, finalLoss: Double, nonFinite: (step: Int, layer: String)? = nil, initialGradientNorms: [String: Double]) {
        self.initialLoss = initialLoss
        self.finalLoss = finalLoss
        self.nonFinite = nonFinite
        self.initialGradientNorms = initialGradientNorms
    }

    public static func == (a: TrainingMeasurements, b: TrainingMeasurements) -> Bool {
        a.initialLoss == b.initialLoss && a.finalLoss == b.finalLoss && a.nonFinite?.step == b.nonFinite?.step
            && a.nonFinite?.layer == b.nonFinite?.layer && a.initialGradientNorms == b.initialGradientNorms
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(initialLoss)
        hasher.combine(finalLoss)
        hasher.combine(nonFinite?.step)
    }
}
