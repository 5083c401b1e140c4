import GPathIR

/// The `.net` op vocabulary: every spelling, its kind, and the numeric arguments it takes.
///
/// The one table the reader, the printer and "did you mean" share; `docs/net-language.md`
/// documents the same set.
struct NetOperation: Sendable {
    enum Kind: Equatable, Sendable {
        case convolution, linear, layer
        case activation(Activation)
        case maxPool, averagePool, upsample
        case add, concat
        case loss(LossKind)
        case split
        case matmul, softmax, groupNorm, reshape, tokenSlice, tokenConcat
        /// A one-input op without attributes (`bn`, `gap`, `identity`, `stop_gradient`…),
        /// spelled by its ``OpDefinition/spelling``.
        case plain(OpKind)
    }

    let kind: Kind
    /// Numeric positional arguments, in order (canonical names).
    let positional: [String]
    /// Keyword spellings → canonical argument name.
    let keywords: [String: String]

    /// True for the ops a trailing `bn` and activation fold into.
    var foldsModifiers: Bool { kind == .convolution || kind == .linear }

    /// True for ops whose node takes the statement's name (everything but `split`).
    var isMerge: Bool { kind == .add || kind == .concat || kind == .tokenConcat }

    /// Per-axis overrides of a window value: `kh`/`kw` (kernel height and width), `sh`/`sw`,
    /// `ph`/`pw`, `dh`/`dw`.
    private static func axisKeywords(_ names: [String]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: names.flatMap { [($0 + "h", $0 + "h"), ($0 + "w", $0 + "w")] })
    }

    /// Pool windows; `pe` is the padding after the map (bottom/right) when it differs from `p`.
    private static let windowKeywords = ["k": "k", "kernel": "k", "s": "s", "stride": "s", "p": "p", "padding": "p", "pe": "pe"]
        .merging(axisKeywords(["k", "s", "p", "pe"])) { first, _ in first }

    /// The spelling of each activation (`linear` is `linear_act`, since `linear` is the layer).
    static func spelling(of activation: Activation) -> String {
        activation == .linear ? "linear_act" : activation.rawValue
    }

    static let table: [String: NetOperation] = {
        var table: [String: NetOperation] = [
            "conv": NetOperation(kind: .convolution, positional: ["out", "k", "s", "p", "d", "g"], keywords: [
                "out": "out", "k": "k", "kernel": "k", "s": "s", "stride": "s", "p": "p", "padding": "p",
                "d": "d", "dilation": "d", "g": "g", "groups": "g", "bias": "bias",
            ].merging(axisKeywords(["k", "s", "p", "d"])) { first, _ in first }),
            "linear": NetOperation(kind: .linear, positional: ["out"], keywords: ["out": "out", "bias": "bias"]),
            "layer": NetOperation(kind: .layer, positional: ["out", "g"], keywords: ["out": "out", "g": "g", "groups": "g"]),
            "maxpool": NetOperation(kind: .maxPool, positional: ["k", "s", "p"], keywords: windowKeywords),
            "avgpool": NetOperation(kind: .averagePool, positional: ["k", "s", "p"], keywords: windowKeywords),
            "upsample": NetOperation(kind: .upsample, positional: ["scale"], keywords: ["scale": "scale"]),
            "add": NetOperation(kind: .add, positional: [], keywords: ["width": "width"]),
            "concat": NetOperation(kind: .concat, positional: [], keywords: [:]),
            "split": NetOperation(kind: .split, positional: [], keywords: [:]),
            "matmul": NetOperation(kind: .matmul, positional: [], keywords: ["t": "t", "transpose": "t", "scaled": "scaled", "sampled": "sampled"]),
            "softmax": NetOperation(kind: .softmax, positional: [], keywords: ["axis": "axis"]),
            "groupnorm": NetOperation(kind: .groupNorm, positional: ["g"], keywords: ["g": "g", "groups": "g"]),
            "reshape": NetOperation(kind: .reshape, positional: ["h", "w"], keywords: ["h": "h", "w": "w"]),
            "slice_tokens": NetOperation(kind: .tokenSlice, positional: ["start", "end"], keywords: ["start": "start", "end": "end"]),
            "concat_tokens": NetOperation(kind: .tokenConcat, positional: [], keywords: [:]),
        ]
        for kind in OpKind.allCases where kind.definition.arity == .one && kind.definition.plainOp != nil {
            table[kind.definition.spelling] = NetOperation(kind: .plain(kind), positional: [], keywords: [:])
        }
        for activation in Activation.allCases {
            table[spelling(of: activation)] = NetOperation(kind: .activation(activation), positional: [], keywords: [:])
        }
        for loss in LossKind.allCases {
            table[loss.rawValue] = NetOperation(kind: .loss(loss), positional: [], keywords: [:])
        }
        return table
    }()

    /// Functions usable inside expressions.
    static let builtins = ["detach", "channels", "log2", "min", "max"]

    /// The name automatically given to an unnamed node of this kind (`conv1`, `relu2`…).
    var autoName: String {
        switch kind {
        case .convolution: "conv"
        case .linear: "linear"
        case .layer: "layer"
        case .activation(let a): NetOperation.spelling(of: a)
        case .maxPool: "maxpool"
        case .averagePool: "avgpool"
        case .upsample: "upsample"
        case .add: "add"
        case .concat: "concat"
        case .loss(let kind): kind.rawValue
        case .split: "split"
        case .matmul: "matmul"
        case .softmax: "softmax"
        case .groupNorm: "groupnorm"
        case .reshape: "reshape"
        case .tokenSlice: "slice_tokens"
        case .tokenConcat: "concat_tokens"
        case .plain(let kind): kind.definition.spelling
        }
    }
}

extension NetOperation.Kind {
    /// The IR op kind this spelling builds (nil for `split`, which builds slices); the op-table
    /// test checks every ``OpKind`` has a spelling.
    var opKind: OpKind? {
        switch self {
        case .convolution: .convolution
        case .linear: .linear
        case .layer: .layer
        case .activation: .activation
        case .maxPool: .maxPool
        case .averagePool: .averagePool
        case .upsample: .upsample
        case .add: .add
        case .concat: .concat
        case .loss: .loss
        case .split: nil
        case .matmul: .matmul
        case .softmax: .softmax
        case .groupNorm: .groupNorm
        case .reshape: .reshape
        case .tokenSlice: .tokenSlice
        case .tokenConcat: .tokenConcat
        case .plain(let kind): kind
        }
    }
}
