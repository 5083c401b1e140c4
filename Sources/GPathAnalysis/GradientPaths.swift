import GPathIR

/// Result of ``GradientPathPass``: shortest and longest gradient path per layer channel run.
public struct GradientPaths: Sendable {
    /// Every weighted layer in declaration order.
    public let layers: [LayerGradientPaths]
    /// Fewest weighted layers crossed from a loss to any network input (nil: none reached).
    public let inputShortest: Int?
    /// Most weighted layers crossed from a loss to any network input.
    public let inputLongest: Int?

    /// Layers no gradient reaches.
    public var unreachableLayers: [LayerGradientPaths] { layers.filter { $0.shortest == nil } }

    /// min over reached channels of SGP.
    public var minShortestPath: Int? { layers.compactMap(\.shortest).min() }
    /// Max over channels (equivalently units) of SGP: the ELAN criterion.
    public var longestShortestPath: Int? { layers.compactMap(\.longestShortestOverChannels).max() }
    /// Max over layers of the layer-level SGP.
    public var longestShortestPathLayerwise: Int? { layers.compactMap(\.shortest).max() }
    /// The network's longest gradient path.
    public var longestPath: Int? { layers.compactMap(\.longest).max() }

    /// Layers holding a channel whose shortest path equals ``longestShortestPath``.
    public var criticalLayers: [LayerGradientPaths] {
        guard let target = longestShortestPath else { return [] }
        return layers.filter { $0.longestShortestOverChannels == target }
    }
}

/// One layer's gradient-path figures.
public struct LayerGradientPaths: Sendable {
    public let node: NodeID
    /// The graph's names; ``name`` reads the layer's when asked (the pass makes no string).
    let names: NodeNames
    public let channels: Int
    /// Reached channel runs with their SGP (`shortest`) and LGP (`longest`), sorted.
    public let runs: DistanceRuns

    /// The layer's name.
    public var name: String { names[node] }

    /// SGP of the layer: min over its channels (nil when unreachable).
    public var shortest: Int? { runs.map(\.shortest).min() }
    /// LGP of the layer.
    public var longest: Int? { runs.map(\.longest).max() }
    /// Max over reached channels of SGP (differs from `shortest` when a layer is split).
    public var longestShortestOverChannels: Int? { runs.map(\.shortest).max() }
    /// Number of channels no gradient reaches.
    public var unreachableChannels: Int { channels - runs.reduce(0) { $0 + $1.range.width } }
}
