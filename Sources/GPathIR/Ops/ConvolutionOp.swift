extension OpDefinition {
    /// A 2-D convolution with folded norm and activation: a weighted layer whose groups own
    /// disjoint input channels. Output map ⌊(n + 2p − d(k − 1) − 1) / s⌋ + 1 per axis
    /// (``Convolution/output(_:)``); params = out · in/groups · kh · kw (+ bias, or norm scale
    /// and shift); MACs = weights × output area.
    public static let convolution = OpDefinition(
        kind: .convolution, family: .weighted, arity: .oneOrMore, channels: .declared, title: "convolution",
        spelling: "conv",
        samples: [
            .convolution(Convolution(kernel: 3, stride: 2, normalized: true, activation: .tanh)),
            .convolution(Convolution(kernel: AxisPair(height: 1, width: 3), groups: 2, bias: true)),
        ],
        summary: { op in
            guard let c = op.convolutionAttributes else { return "conv" }
            var text = "conv\(c.kernel.window)"
            if c.stride != 1 { text += "/\(c.stride)" }
            if c.dilation != 1 { text += " d\(c.dilation)" }
            if c.groups != 1 { text += " g\(c.groups)" }
            return text
        },
        routing: { .weighted(groups: $0.convolutionAttributes?.groups ?? 1) },
        spatial: { op, input in op.convolutionAttributes?.output(input) ?? input },
        attributeProblem: { op in
            guard let c = op.convolutionAttributes else { return nil }
            if c.kernel.minimum < 1 { return "kernel \(c.kernel); it must be at least 1" }
            if c.stride.minimum < 1 { return "stride \(c.stride); it must be at least 1" }
            if c.dilation.minimum < 1 { return "dilation \(c.dilation); it must be at least 1" }
            if c.padding.minimum < 0 { return "padding \(c.padding); it must not be negative" }
            if c.groups < 1 { return "groups \(c.groups); it must be at least 1" }
            return nil
        },
        window: { op in
            guard let c = op.convolutionAttributes else { return [] }
            return ["kernel \(c.kernel), stride \(c.stride), padding \(c.padding)"]
        },
        cost: { op, input in
            guard let c = op.convolutionAttributes else { return OpCost(params: nil, macs: nil) }
            // Saturating: sizes within the documented limits can still multiply past Int64.
            let weights = input.channels.saturatingMultiplied(by: input.inputWidth / max(1, c.groups)).saturatingMultiplied(by: c.kernelArea)
            let extra = (c.normalized ? 2 * input.channels : 0) + (c.bias && !c.normalized ? input.channels : 0)
            return OpCost(params: weights.saturatingAdding(extra), macs: input.outputSpatial.map { weights.saturatingMultiplied(by: $0.area) })
        })
}

extension Op {
    /// The attributes of a convolution; nil for every other op.
    public var convolutionAttributes: Convolution? {
        if case .convolution(let c) = self { return c }
        return nil
    }
}
