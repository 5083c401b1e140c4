extension OpDefinition {
    /// Incoming edges side by side, in edge order; gradient goes to the one edge owning the
    /// channel.
    public static let concat = OpDefinition(
        kind: .concat, family: .merge, arity: .oneOrMore, channels: .sumOfInputs(checked: true), title: "concat",
        spelling: "concat",
        samples: [.concat], plain: true,
        routing: { _ in .divide })
}
