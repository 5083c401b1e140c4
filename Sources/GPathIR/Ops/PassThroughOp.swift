extension OpDefinition {
    /// A parameter-free, channel-preserving op with exactly one input: gradient goes back to
    /// the matching channel. The shared shape of every ``PassThrough`` kind's definition.
    static func passThrough(
        _ kind: OpKind, title: String, spelling: String, samples: [PassThrough], plain: Bool = false,
        name: (@Sendable (Op) -> String)? = nil,
        spatial: @escaping @Sendable (Op, Spatial) -> Spatial = { _, s in s },
        attributeProblem: @escaping @Sendable (Op) -> String? = { _ in nil },
        cost: @escaping @Sendable (Op, CostInput) -> OpCost = { _, _ in OpCost(params: 0, macs: 0) }
    ) -> OpDefinition {
        OpDefinition(
            kind: kind, family: .passThrough, arity: .one, channels: .sumOfInputs(checked: true), title: title,
            spelling: spelling, samples: samples.map { .passThrough($0) }, plain: plain, name: name,
            routing: { _ in .pass }, spatial: spatial, attributeProblem: attributeProblem, cost: cost)
    }
}

extension Op {
    /// The window of a max or average pooling; nil for every other op.
    public var poolingWindow: Pooling? {
        switch self {
        case .passThrough(.maxPool(let p)), .passThrough(.averagePool(let p)): p
        default: nil
        }
    }
}
