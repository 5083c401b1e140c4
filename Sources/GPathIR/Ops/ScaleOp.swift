extension OpDefinition {
    /// A learned per-channel scale (a transformer's layer scale, YOLOR's ImplicitM): one
    /// trainable value per channel, channel to channel, not a step on a gradient path.
    public static let scale = OpDefinition(
        kind: .scale, family: .passThrough, arity: .one, channels: .sumOfInputs(checked: true), title: "scale",
        spelling: "scale", samples: [.scale], plain: true,
        routing: { _ in .pass },
        cost: { _, input in OpCost(params: input.channels, macs: 0) })
}
