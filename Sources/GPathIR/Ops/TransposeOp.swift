extension OpDefinition {
    /// Channels and positions swapped: C×H×W becomes (H·W)×C×1. Every output channel (a
    /// position) holds one value of every input channel, so it mixes.
    public static let transpose = OpDefinition(
        kind: .transpose, family: .mixing, arity: .one, channels: .computed, title: "transpose",
        spelling: "transpose", samples: [.transpose], plain: true,
        routing: { _ in .mix(Mixing()) },
        shape: { _, input in
            guard let width = input.widths.first else { return .problem("one input is needed") }
            guard let map = input.spatials.first ?? nil else {
                guard let declared = input.declaredChannels else {
                    return .problem("its input's map is unknown, so its positions (the output channels) are; declare the channels")
                }
                return .shape(channels: declared, spatial: nil)
            }
            return .shape(channels: map.area, spatial: Spatial(height: width, width: 1))
        })
}
