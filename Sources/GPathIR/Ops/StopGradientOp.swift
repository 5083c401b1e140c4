extension OpDefinition {
    /// Identity forward; nothing goes back.
    public static let stopGradient = OpDefinition(
        kind: .stopGradient, family: .barrier, arity: .one, channels: .sumOfInputs(checked: true), title: "stop-gradient",
        spelling: "stop_gradient",
        samples: [.stopGradient], plain: true,
        routing: { _ in .stop })
}
