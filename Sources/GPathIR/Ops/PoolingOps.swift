extension OpDefinition {
    /// Max pooling over a window: output max(1, ⌊(n + p + q − k) / s⌋ + 1) per axis
    /// (``Pooling/output(_:)``).
    public static let maxPool = passThrough(
        .maxPool, title: "max pooling", spelling: "maxpool", samples: poolingSamples.map { .maxPool($0) },
        spatial: poolingSpatial, attributeProblem: poolingProblem)

    /// Average pooling over a window; the same map as max pooling.
    public static let averagePool = passThrough(
        .averagePool, title: "average pooling", spelling: "avgpool", samples: poolingSamples.map { .averagePool($0) },
        spatial: poolingSpatial, attributeProblem: poolingProblem)

    /// Square, strided-and-padded, and darknet's uneven (none before, one after) windows.
    static let poolingSamples: [Pooling] = [
        Pooling(kernel: 2), Pooling(kernel: 3, stride: 2, padding: 1),
        Pooling(kernel: 2, stride: 1, padding: 0, trailingPadding: 1),
    ]

    private static let poolingSpatial: @Sendable (Op, Spatial) -> Spatial = { op, input in
        op.poolingWindow?.output(input) ?? input
    }

    private static let poolingProblem: @Sendable (Op) -> String? = { op in
        guard let p = op.poolingWindow else { return nil }
        if p.kernel.minimum < 1 { return "kernel \(p.kernel); it must be at least 1" }
        if p.stride.minimum < 1 { return "stride \(p.stride); it must be at least 1" }
        if p.padding.minimum < 0 || p.trailingPadding.minimum < 0 {
            return "padding \(p.padding) before and \(p.trailingPadding) after; it must not be negative"
        }
        return nil
    }
}
