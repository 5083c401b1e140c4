extension OpDefinition {
    /// A fully connected layer: reads every input value (channels × height × width) and
    /// produces a 1×1 map. Params = features · out (+ bias, or norm scale and shift); MACs =
    /// features · out.
    public static let linear = OpDefinition(
        kind: .linear, family: .weighted, arity: .oneOrMore, channels: .declared, title: "linear layer",
        spelling: "linear",
        samples: [
            .linear(Linear(bias: true, normalized: true, activation: .tanh)),
            .linear(Linear(bias: false)),
        ],
        routing: { _ in .weighted(groups: 1) },
        spatial: { _, _ in Spatial(height: 1, width: 1) },
        cost: { op, input in
            guard case .linear(let l) = op else { return OpCost(params: nil, macs: nil) }
            let features = input.inputWidth.saturatingMultiplied(by: input.inputSpatial?.area ?? 1)
            let weights = features.saturatingMultiplied(by: input.channels)
            let extra = (l.normalized ? 2 * input.channels : 0) + (l.bias && !l.normalized ? input.channels : 0)
            return OpCost(params: weights.saturatingAdding(extra), macs: weights)
        })
}
