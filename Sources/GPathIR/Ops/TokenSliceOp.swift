extension OpDefinition {
    /// Positions `lower..<upper` of the row-major flattened map, as an (upper − lower)×1 map
    /// (the class token of a vision transformer): channel to channel.
    public static let tokenSlice = OpDefinition(
        kind: .tokenSlice, family: .passThrough, arity: .one, channels: .computed, title: "token slice",
        spelling: "slice_tokens", samples: [.tokenSlice(lower: 0, upper: 1), .tokenSlice(lower: 2, upper: 7)],
        summary: { op in
            guard case .tokenSlice(let lower, let upper) = op else { return "slice_tokens" }
            return "tokens[\(lower):\(upper)]"
        },
        routing: { _ in .pass },
        attributeProblem: { op in
            guard case .tokenSlice(let lower, let upper) = op, lower < 0 || upper <= lower else { return nil }
            return "token range \(lower):\(upper); it must be non-empty and start at 0 or later"
        },
        shape: { op, input in
            guard case .tokenSlice(let lower, let upper) = op, let width = input.widths.first else { return .problem("one input is needed") }
            if let map = input.spatials.first ?? nil, upper > map.area {
                return .problem("token range \(lower):\(upper) beyond its \(map) map's \(map.area) positions")
            }
            return .shape(channels: width, spatial: Spatial(height: upper - lower, width: 1))
        })
}
