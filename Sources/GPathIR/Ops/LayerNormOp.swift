extension OpDefinition {
    /// Layer norm over the channels at each position: every output channel depends on every
    /// input channel (through the mean and variance), so it mixes; scale and shift are 2
    /// params per channel, and, like batch norm, it is not a step on a gradient path.
    public static let layerNorm = OpDefinition(
        kind: .layerNorm, family: .mixing, arity: .one, channels: .sumOfInputs(checked: true), title: "layer norm",
        spelling: "layernorm", samples: [.layerNorm], plain: true,
        routing: { _ in .mix(Mixing()) },
        cost: { _, input in OpCost(params: 2 * input.channels, macs: 0) })
}
