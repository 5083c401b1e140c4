extension OpDefinition {
    /// Max pooling over a window: output max(1, ⌊(n + p + q − k) / s⌋ + 1) per axis
    /// (``Pooling/output(_:)``).
    public static let maxPool = passThrough(
        .maxPool, title: "max pooling", spelling: "maxpool", samples: Pooling.samples.map { .maxPool($0) },
        spatial: Pooling.outputSpatial, attributeProblem: Pooling.attributeProblem)
}
