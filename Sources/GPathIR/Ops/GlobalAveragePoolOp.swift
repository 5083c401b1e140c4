extension OpDefinition {
    /// The mean of each channel's whole map: a 1×1 output.
    public static let globalAveragePool = passThrough(
        .globalAveragePool, title: "global average pooling", spelling: "gap", samples: [.globalAveragePool], plain: true,
        spatial: { _, _ in Spatial(height: 1, width: 1) })
}
