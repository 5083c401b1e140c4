extension OpDefinition {
    /// A weighted layer known only by its channel grouping (graph JSON's `layer`): the map is
    /// unchanged and its cost unknown (nil, never a silent zero).
    public static let layer = OpDefinition(
        kind: .layer, family: .weighted, arity: .oneOrMore, channels: .declared, title: "layer", spelling: "layer",
        samples: [.layer(groups: 2)],
        summary: { op in op.groups == 1 ? "layer" : "layer g\(op.groups)" },
        routing: { op in
            guard case .layer(let groups) = op else { return .weighted(groups: 1) }
            return .weighted(groups: groups)
        },
        attributeProblem: { op in
            guard case .layer(let groups) = op, groups < 1 else { return nil }
            return "groups \(groups); it must be at least 1"
        },
        cost: { _, _ in OpCost(params: nil, macs: nil) })
}
