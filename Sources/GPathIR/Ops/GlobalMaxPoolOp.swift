extension OpDefinition {
    /// The maximum of each channel's whole map: a 1×1 output.
    public static let globalMaxPool = passThrough(
        .globalMaxPool, title: "global max pooling", spelling: "gmp", samples: [.globalMaxPool], plain: true,
        spatial: { _, _ in Spatial(height: 1, width: 1) })
}
