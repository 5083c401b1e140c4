extension OpDefinition {
    /// Group norm: normalised over each group's channels and every position, so an output
    /// channel depends on the channels of its group; 2 params per channel, not a path step.
    public static let groupNorm = OpDefinition(
        kind: .groupNorm, family: .mixing, arity: .one, channels: .computed, title: "group norm",
        spelling: "groupnorm", samples: [.groupNorm(groups: 2), .groupNorm(groups: 1)],
        summary: { op in
            guard case .groupNorm(let groups) = op else { return "groupnorm" }
            return "groupnorm g\(groups)"
        },
        routing: { op in
            guard case .groupNorm(let groups) = op else { return .mix(Mixing()) }
            return .mix(Mixing(groups: max(1, groups)))
        },
        attributeProblem: { op in
            guard case .groupNorm(let groups) = op, groups < 1 else { return nil }
            return "\(groups) groups; it needs at least 1"
        },
        cost: { _, input in OpCost(params: 2 * input.channels, macs: 0) },
        shape: { op, input in
            guard case .groupNorm(let groups) = op, let width = input.widths.first else { return .problem("one input is needed") }
            guard groups >= 1, width % groups == 0 else {
                return .problem("\(groups) groups, which do not divide its \(width) channels")
            }
            return .shape(channels: width, spatial: input.spatials.first ?? nil)
        })
}
