import GPathIR

/// The analysis level between the linear-time paths and the full analysis: every layer's
/// gradient timestamps — the set of lengths of the gradient paths from a loss to it (spec
/// §4.2) — channel-exactly, without path counts, units, sources or duplication.
///
/// It is the path enumeration of ``GradientAnalysisPass`` carrying bit sets instead of big
/// path counts: a group of paths costs max-length / 64 words instead of one big integer per
/// length, so a 10,000-block ResNet (timestamps up to ~20,000) needs megabytes where exact
/// counts need terabytes. Each layer keeps one set (the union over its arrival groups); the
/// groups of free nodes are freed as soon as they are pushed on.
public struct TimestampPass: Sendable {
    public init() {}

    public func run(on graph: Graph) -> LayerTimestamps {
        let enumeration = PathEnumeration<TimestampSet>(graph: graph)
        var layers: [LayerTimestamps.Layer] = []
        for node in graph.nodes where node.op.isWeighted {
            var timestamps = TimestampSet()
            for arrival in (enumeration.arrivals[node.id] ?? [:]).values {
                timestamps.formUnion(arrival, shiftedBy: 1)  // the layer itself counts
            }
            layers.append(LayerTimestamps.Layer(node: node.id, name: node.name, timestamps: timestamps))
        }
        return LayerTimestamps(layers: layers, inputLengths: enumeration.inputPaths)
    }
}

/// Result of ``TimestampPass``: each weighted layer's timestamps, in declaration order.
public struct LayerTimestamps: Sendable {
    /// One layer's timestamps.
    public struct Layer: Sendable {
        public let node: NodeID
        public let name: String
        /// Lengths of the gradient paths from a loss to the layer, the layer counted.
        public let timestamps: TimestampSet
    }

    public let layers: [Layer]
    /// Lengths of the paths from a loss to the network inputs (weighted layers crossed).
    public let inputLengths: TimestampSet

    /// The distinct timestamp sets of reached layers, in the report's order (by size, then
    /// lexicographically): the layer-level gradient timestamp combinations.
    public var combinations: [TimestampSet] {
        // Sizes computed once per set, not per comparison.
        let distinct = Set(layers.map(\.timestamps).filter { !$0.isEmpty })
        let sized: [(size: Int, set: TimestampSet)] = distinct.map { ($0.count, $0) }
        let ordered = sized.sorted { (a: (size: Int, set: TimestampSet), b: (size: Int, set: TimestampSet)) -> Bool in
            a.size != b.size ? a.size < b.size : a.set < b.set
        }
        return ordered.map(\.set)
    }

    /// Σ |T(L)| over layers.
    public var totalTimestamps: Int { layers.reduce(0) { $0 + $1.timestamps.count } }
}
