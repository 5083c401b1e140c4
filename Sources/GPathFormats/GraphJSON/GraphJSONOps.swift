import GPathIR

/// The graph JSON `op` vocabulary (canonical names and aliases) and its mapping to ``Op``.
enum GraphJSONOps {
    /// The canonical spellings, in the order the format document lists them.
    static let canonicalNames = ["input", "layer", "add", "concat", "identity", "stop_gradient", "loss"]

    private static let aliases: [String: String] = [
        "conv": "conv", "linear": "linear", "fc": "linear", "layer": "layer",
        "sum": "add", "masked_add": "add", "partial_add": "add", "add": "add",
        "cat": "concat", "route": "concat", "concat": "concat",
        "identity": "identity", "slice": "slice", "split": "slice", "act": "activation",
        "activation": "activation", "pool": "maxpool", "maxpool": "maxpool", "avgpool": "avgpool",
        "upsample": "upsample", "norm": "norm",
        "stop_gradient": "stop_gradient", "sg": "stop_gradient", "detach": "stop_gradient",
        "loss": "loss", "output": "loss", "input": "input",
        "matmul": "matmul", "softmax": "softmax", "layernorm": "layernorm", "layer_norm": "layernorm",
        "groupnorm": "groupnorm", "group_norm": "groupnorm", "transpose": "transpose", "reshape": "reshape",
        "concat_tokens": "concat_tokens", "slice_tokens": "slice_tokens", "learned": "learned", "parameter": "learned",
        "scale": "scale",
    ]

    /// Every accepted spelling (for "did you mean").
    static var allNames: [String] { aliases.keys.sorted() }

    /// The op for `name`, using gpath's optional extra fields where the op has attributes
    /// (`kernel`, `stride`, `padding`, `dilation` — each an integer or `[height, width]` —, `bias`, `norm`, `activation` on `conv`;
    /// `bias`, `norm`, `activation` on `linear`; `kernel`, `stride`, `padding`, `padding_end`, `global` on
    /// pools; `scale` on `upsample`; `kind` on `identity` and `loss`; `transpose_b`, `scaled` on
    /// `matmul`; `axis` on `softmax`; `target` on `reshape`; `tokens` on `slice_tokens`; `entries` on `learned`); nil
    /// for an unknown name.
    /// ``GraphJSONWriter`` writes exactly these fields, so every IR op reads back unchanged.
    static func op(named name: String, groups: Int, fields: [String: JSONValue]) -> Op? {
        guard let canonical = aliases[name.lowercased()] else { return nil }
        // Fields are looked up only by the ops that have them: most nodes have none.
        var kernel: AxisPair? { axisPair(fields["kernel"]) }
        var stride: AxisPair? { axisPair(fields["stride"]) }
        var padding: AxisPair? { axisPair(fields["padding"]) }
        var normalized: Bool { fields["norm"]?.bool ?? false }
        var activation: Activation? { fields["activation"]?.string.flatMap(Activation.init(rawValue:)) }
        var isGlobal: Bool { fields["global"]?.bool ?? false }
        switch canonical {
        case "input": return .input
        case "layer": return .layer(groups: groups)
        case "conv":
            guard let kernel else { return .layer(groups: groups) }
            return .convolution(Convolution(
                kernel: kernel, stride: stride ?? 1, padding: padding, dilation: axisPair(fields["dilation"]) ?? 1,
                groups: groups, bias: fields["bias"]?.bool ?? false, normalized: normalized, activation: activation))
        case "linear": return .linear(Linear(bias: fields["bias"]?.bool ?? true, normalized: normalized, activation: activation))
        case "add": return .add
        case "concat": return .concat
        case "identity": return .passThrough(fields["kind"]?.string == "dropout" ? .dropout : .identity)
        case "slice": return .passThrough(.slice)
        case "activation": return .passThrough(.activation(activation ?? .relu))
        case "norm": return .passThrough(.normalization)
        case "maxpool":
            if isGlobal { return .passThrough(.globalMaxPool) }
            return .passThrough(.maxPool(Pooling(kernel: kernel ?? 2, stride: stride, padding: padding ?? 0, trailingPadding: axisPair(fields["padding_end"]))))
        case "avgpool":
            if isGlobal { return .passThrough(.globalAveragePool) }
            return .passThrough(.averagePool(Pooling(kernel: kernel ?? 2, stride: stride, padding: padding ?? 0, trailingPadding: axisPair(fields["padding_end"]))))
        case "upsample": return .passThrough(.upsample(scale: fields["scale"]?.integer ?? 2))
        case "stop_gradient": return .stopGradient
        case "loss": return .loss(fields["kind"]?.string.flatMap(LossKind.init(rawValue:)) ?? .generic)
        case "matmul":
            return .matmul(MatrixProduct(
                transposesSecond: fields["transpose_b"]?.bool ?? false, scaled: fields["scaled"]?.bool ?? false,
                samplesSecond: fields["sampled"]?.bool ?? false))
        case "softmax": return .softmax(fields["axis"]?.string.flatMap(SoftmaxAxis.init(rawValue:)) ?? .channels)
        case "layernorm": return .layerNorm
        case "groupnorm": return .groupNorm(groups: groups)
        case "transpose": return .transpose
        case "reshape":
            let target = axisPair(fields["target"]) ?? AxisPair(0)
            return .reshape(Spatial(height: target.height, width: target.width))
        case "concat_tokens": return .tokenConcat
        case "slice_tokens":
            let range = axisPair(fields["tokens"]) ?? AxisPair(0)
            return .tokenSlice(lower: range.height, upper: range.width)
        case "learned": return .learned(LearnedTable(entries: fields["entries"]?.integer))
        case "scale": return .scale
        default: return nil
        }
    }

    /// The window fields (`kernel`, `stride`, `padding`, `dilation`): an integer for both axes
    /// or a pair `[height, width]`.
    static let windowFields = ["kernel", "stride", "padding", "dilation", "padding_end", "target", "tokens"]

    /// ``windowFields`` as a set, for checking a node's members against it.
    static let windowFieldSet = Set(windowFields)

    /// An integer (both axes) or `[height, width]`; nil when absent or of another type.
    static func axisPair(_ value: JSONValue?) -> AxisPair? {
        guard let value else { return nil }
        if let both = value.integer { return AxisPair(both) }
        if let pair = value.array, pair.count == 2, let height = pair[0].integer, let width = pair[1].integer {
            return AxisPair(height: height, width: width)
        }
        return nil
    }

    /// Values gpath's extra fields accept, for the reader's checks: an unknown `activation` or
    /// `kind` is an error rather than a silent default.
    static let activationNames = Activation.allCases.map(\.rawValue)
    static let lossKindNames = LossKind.allCases.map(\.rawValue)
    static let softmaxAxisNames = SoftmaxAxis.allCases.map(\.rawValue)
}
