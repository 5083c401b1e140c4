extension OpDefinition {
    /// Output channel o is the sum of every incoming edge covering o (residual, masked and
    /// asymmetric adds); gradient is copied to every edge covering the channel.
    public static let add = OpDefinition(
        kind: .add, family: .merge, arity: .oneOrMore, channels: .placed, title: "add", spelling: "add",
        samples: [.add], plain: true,
        routing: { _ in .copy })
}
