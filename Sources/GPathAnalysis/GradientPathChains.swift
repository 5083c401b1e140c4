import GPathIR

/// Result of ``GradientPathChainPass``: for every weighted layer, one shortest and one longest
/// gradient path as graph nodes.
public struct GradientPathChains: Sendable {
    /// One entry per layer of ``GradientPaths/layers`` (declaration order); nil for the layers
    /// left out once the pass's step budget was spent.
    public let layers: [LayerPathChains?]
    /// How many leading layers have chains (all of them unless the budget ran out).
    public let computedLayers: Int

    /// True when every layer has its chains.
    public var isComplete: Bool { computedLayers == layers.count }
}

/// One layer's two chains, each from the layer (first) to the loss (last), with every node the
/// gradient crosses in between (merges, pass-throughs, mixing nodes). Empty when no gradient
/// reaches the layer.
public struct LayerPathChains: Sendable, Equatable {
    public let node: NodeID
    /// Holds exactly SGP weighted layers.
    public let shortest: [NodeID]
    /// Holds exactly LGP weighted layers.
    public let longest: [NodeID]
}
