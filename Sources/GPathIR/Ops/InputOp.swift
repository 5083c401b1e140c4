extension OpDefinition {
    /// A network input: declared channels and map; gradient that reaches it ends there.
    public static let input = OpDefinition(
        kind: .input, family: .source, arity: .none, channels: .declared, title: "input", spelling: "input",
        samples: [.input], plain: true,
        routing: { _ in .sink })
}
