extension OpDefinition {
    /// A separate batch-norm node: scale and shift are trainable (2 params per channel), but
    /// it does not count as a step on a gradient path.
    public static let normalization = passThrough(
        .normalization, title: "batch norm", spelling: "bn", samples: [.normalization], plain: true,
        cost: { _, input in OpCost(params: 2 * input.channels, macs: 0) })
}
