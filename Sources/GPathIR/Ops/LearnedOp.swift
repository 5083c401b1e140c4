extension OpDefinition {
    /// A learned tensor (class token, positional embedding, YOLOR's ImplicitA): declared
    /// channels and map, channels × height × width trainable values; gradient ends here, as at
    /// an input, but it is not one of the network's inputs.
    public static let learned = OpDefinition(
        kind: .learned, family: .learned, arity: .none, channels: .declared, title: "learned tensor",
        spelling: "learned", samples: [.learned], plain: true,
        routing: { _ in .sink },
        cost: { _, input in
            OpCost(params: input.channels.saturatingMultiplied(by: input.outputSpatial?.area ?? 1), macs: 0)
        })
}
