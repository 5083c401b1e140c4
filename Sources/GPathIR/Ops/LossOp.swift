extension OpDefinition {
    /// A loss reading its (implicitly concatenated) inputs: the origin of all gradient. Spelled
    /// by its ``LossKind`` (`cross_entropy`, `mse`, `loss`).
    public static let loss = OpDefinition(
        kind: .loss, family: .objective, arity: .oneOrMore, channels: .sumOfInputs(checked: false), title: "loss",
        spelling: "loss",
        samples: LossKind.allCases.map { .loss($0) },
        name: { op in
            guard case .loss(let kind) = op else { return "loss" }
            return kind.rawValue
        },
        routing: { _ in .origin })
}
