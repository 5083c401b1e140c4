extension OpDefinition {
    /// Inputs of one width joined along the positions (heights added, widths equal): output
    /// channel c holds channel c of every input, so gradient is copied to each, channel to
    /// channel, as through an add.
    public static let tokenConcat = OpDefinition(
        kind: .tokenConcat, family: .merge, arity: .oneOrMore, channels: .computed, title: "token concat",
        spelling: "concat_tokens", samples: [.tokenConcat], plain: true,
        routing: { _ in .copy },
        shape: { _, input in
            guard let width = input.widths.first else { return .problem("an input is needed") }
            if let other = input.widths.first(where: { $0 != width }) {
                return .problem("inputs of \(width) and \(other) channels; tokens are joined along positions, so widths must be equal")
            }
            let maps = input.spatials.compactMap { $0 }
            guard maps.count == input.spatials.count, let first = maps.first else { return .shape(channels: width, spatial: nil) }
            if let other = maps.first(where: { $0.width != first.width }) {
                return .problem("maps \(first) and \(other) of different widths")
            }
            let height = maps.reduce(0) { $0.saturatingAdding($1.height) }
            return .shape(channels: width, spatial: Spatial(height: height, width: first.width))
        })
}
