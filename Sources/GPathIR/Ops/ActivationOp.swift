extension OpDefinition {
    /// A standalone element-wise activation, spelled by its ``Activation`` (`relu`, `silu`…).
    public static let activation = passThrough(
        .activation, title: "activation", spelling: "activation",
        samples: Activation.allCases.map { .activation($0) },
        name: { op in
            guard case .passThrough(.activation(let a)) = op else { return "activation" }
            return a.rawValue
        })
}
