extension OpDefinition {
    /// Positions regrouped to another height × width of the same area (patches into a token
    /// column, a window partition): each channel keeps its values, so gradient goes channel to
    /// channel.
    public static let reshape = OpDefinition(
        kind: .reshape, family: .passThrough, arity: .one, channels: .computed, title: "reshape",
        spelling: "reshape", samples: [.reshape(Spatial(height: 30, width: 1)), .reshape(Spatial(height: 10, width: 3))],
        summary: { op in
            guard case .reshape(let map) = op else { return "reshape" }
            return "reshape \(map)"
        },
        routing: { _ in .pass },
        attributeProblem: { op in
            guard case .reshape(let map) = op, map.height < 1 || map.width < 1 else { return nil }
            return "target \(map); both sides must be at least 1"
        },
        shape: { op, input in
            guard case .reshape(let map) = op, let width = input.widths.first else { return .problem("one input is needed") }
            if let source = input.spatials.first ?? nil, source.area != map.area {
                return .problem("a \(source) map (\(source.area) positions) cannot become \(map) (\(map.area))")
            }
            return .shape(channels: width, spatial: map)
        })
}
