/// One case per IR operation, without attributes: what tests enumerate (``allCases``) to check
/// that every op has a definition, a kernel, a picture style and a `.net` spelling.
///
/// Activations and losses are one kind each; their variants (``Activation``, ``LossKind``)
/// share a definition and appear among its ``OpDefinition/samples``.
public enum OpKind: String, Hashable, Sendable, CaseIterable {
    case input
    case convolution
    case linear
    case layer
    case add
    case concat
    case identity
    case activation
    case normalization
    case maxPool
    case averagePool
    case globalAveragePool
    case globalMaxPool
    case upsample
    case slice
    case dropout
    case stopGradient
    case loss
    case matmul
    case softmax
    case layerNorm
    case groupNorm
    case transpose
    case reshape
    case tokenConcat
    case tokenSlice
    case learned
    case scale

    /// The op's one definition (the switch is exhaustive: a new kind does not compile until
    /// it has one).
    public var definition: OpDefinition {
        switch self {
        case .input: .input
        case .convolution: .convolution
        case .linear: .linear
        case .layer: .layer
        case .add: .add
        case .concat: .concat
        case .identity: .identity
        case .activation: .activation
        case .normalization: .normalization
        case .maxPool: .maxPool
        case .averagePool: .averagePool
        case .globalAveragePool: .globalAveragePool
        case .globalMaxPool: .globalMaxPool
        case .upsample: .upsample
        case .slice: .slice
        case .dropout: .dropout
        case .stopGradient: .stopGradient
        case .loss: .loss
        case .matmul: .matmul
        case .softmax: .softmax
        case .layerNorm: .layerNorm
        case .groupNorm: .groupNorm
        case .transpose: .transpose
        case .reshape: .reshape
        case .tokenConcat: .tokenConcat
        case .tokenSlice: .tokenSlice
        case .learned: .learned
        case .scale: .scale
        }
    }
}

extension Op {
    /// The op's kind (its case, without attributes).
    public var kind: OpKind {
        switch self {
        case .input: .input
        case .convolution: .convolution
        case .linear: .linear
        case .layer: .layer
        case .add: .add
        case .concat: .concat
        case .passThrough(let p):
            switch p {
            case .identity: .identity
            case .activation: .activation
            case .normalization: .normalization
            case .maxPool: .maxPool
            case .averagePool: .averagePool
            case .globalAveragePool: .globalAveragePool
            case .globalMaxPool: .globalMaxPool
            case .upsample: .upsample
            case .slice: .slice
            case .dropout: .dropout
            }
        case .stopGradient: .stopGradient
        case .loss: .loss
        case .matmul: .matmul
        case .softmax: .softmax
        case .layerNorm: .layerNorm
        case .groupNorm: .groupNorm
        case .transpose: .transpose
        case .reshape: .reshape
        case .tokenConcat: .tokenConcat
        case .tokenSlice: .tokenSlice
        case .learned: .learned
        case .scale: .scale
        }
    }

    /// The definition of the op's kind.
    public var definition: OpDefinition { kind.definition }
}
