import GPathIR

extension OpKind {
    /// How a node of this kind is drawn in graph pictures: the one table of picture styles per
    /// op (the exhaustive switch makes a new kind choose one; the op-table test checks it
    /// agrees with the kind's family). The DOT attributes of each style are in
    /// `DOTWriter+Nodes.swift`.
    var pictureStyle: PictureModel.Kind {
        switch self {
        case .input: .input
        case .convolution, .linear, .layer: .layer
        case .add: .add
        case .concat, .tokenConcat: .concat
        case .identity, .activation, .normalization, .maxPool, .averagePool, .globalAveragePool, .globalMaxPool,
             .upsample, .slice, .dropout, .reshape, .tokenSlice, .scale: .passThrough
        case .matmul, .softmax, .layerNorm, .groupNorm, .transpose: .mixing
        case .learned: .learned
        case .stopGradient: .stopGradient
        case .loss: .loss
        }
    }
}
