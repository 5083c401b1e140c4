extension OpDefinition {
    /// Softmax over the channels (each output channel depends on every input channel: a mixing
    /// node) or over the positions of each channel (channel to channel). Parameter-free.
    public static let softmax = OpDefinition(
        kind: .softmax, family: .mixing, arity: .one, channels: .sumOfInputs(checked: true), title: "softmax",
        spelling: "softmax",
        samples: SoftmaxAxis.allCases.map { .softmax($0) },
        summary: { op in
            guard case .softmax(.positions) = op else { return "softmax" }
            return "softmax(positions)"
        },
        routing: { op in
            guard case .softmax(.positions) = op else { return .mix(Mixing()) }
            return .mix(Mixing(groups: 1, exactEdges: [0]))
        })
}
