extension OpDefinition {
    /// Average pooling over a window; the same map as max pooling.
    public static let averagePool = passThrough(
        .averagePool, title: "average pooling", spelling: "avgpool", samples: Pooling.samples.map { .averagePool($0) },
        spatial: Pooling.outputSpatial, attributeProblem: Pooling.attributeProblem)
}
