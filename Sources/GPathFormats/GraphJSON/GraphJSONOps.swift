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
    ]

    /// Every accepted spelling (for "did you mean").
    static var allNames: [String] { aliases.keys.sorted() }

    /// The op for `name`, using optional extra fields (`kernel`, `stride`, `padding`,
    /// `activation`, `scale`) where the op has attributes; nil for an unknown name.
    static func op(named name: String, groups: Int, fields: [String: JSONValue]) -> Op? {
        guard let canonical = aliases[name.lowercased()] else { return nil }
        let kernel = fields["kernel"]?.integer
        let stride = fields["stride"]?.integer
        let activation = fields["activation"]?.string.flatMap(Activation.init(rawValue:))
        switch canonical {
        case "input": return .input
        case "layer": return .layer(groups: groups)
        case "conv":
            guard let kernel else { return .layer(groups: groups) }
            return .convolution(Convolution(
                kernel: kernel, stride: stride ?? 1, padding: fields["padding"]?.integer,
                groups: groups, normalized: fields["norm"]?.bool ?? false, activation: activation))
        case "linear": return .linear(Linear(activation: activation))
        case "add": return .add
        case "concat": return .concat
        case "identity": return .passThrough(.identity)
        case "slice": return .passThrough(.slice)
        case "activation": return .passThrough(.activation(activation ?? .relu))
        case "norm": return .passThrough(.normalization)
        case "maxpool": return .passThrough(.maxPool(Pooling(kernel: kernel ?? 2, stride: stride)))
        case "avgpool": return .passThrough(.averagePool(Pooling(kernel: kernel ?? 2, stride: stride)))
        case "upsample": return .passThrough(.upsample(scale: fields["scale"]?.integer ?? 2))
        case "stop_gradient": return .stopGradient
        case "loss": return .loss(.generic)
        default: return nil
        }
    }
}
