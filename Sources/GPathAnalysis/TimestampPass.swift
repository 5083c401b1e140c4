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
        /// The set's count, extremes and parity, taken once here while the set is in cache: on
        /// a deep graph a set is thousands of words, and the report asks for its count several
        /// times and writes a one-progression set from these figures alone.
        public let summary: TimestampSet.Summary
        /// How many timestamps the layer has (|T(L)|).
        public var count: Int { summary.count }

        public init(node: NodeID, name: String, timestamps: TimestampSet) {
            self.node = node
            self.name = name
            self.timestamps = timestamps
            summary = timestamps.summary
        }
    }

    public let layers: [Layer]
    /// Lengths of the paths from a loss to the network inputs (weighted layers crossed).
    public let inputLengths: TimestampSet

    /// The distinct timestamp sets of reached layers, in the report's order (by size, then
    /// lexicographically): the layer-level gradient timestamp combinations.
    ///
    /// Each set is counted once; layers are sorted by (size, order), and equal sets, then
    /// neighbours, are kept once. No set is hashed: on a deep graph a set is thousands of words,
    /// and hashing every layer's into a `Set` was half the time of writing its report.
    public var combinations: [TimestampSet] { combinationLayers.map { layers[$0].timestamps } }

    /// Indices in ``layers`` of one layer holding each of ``combinations``, in its order.
    ///
    /// Sets are read only where the summaries cannot decide: of two sets of one size, the one
    /// with the smaller minimum comes first (it holds the smallest element where they differ),
    /// and two sets whose equal summaries prove them one progression are equal.
    ///
    /// Each layer's sort key holds the 64 bits from its minimum on (``TimestampSet/Summary/window``,
    /// taken by the pass): two sets of one size and minimum whose windows differ are ordered by the lowest
    /// bit where they do, so the sort itself reads no set (a random DAG's 10^5 layers mostly
    /// tie on size and minimum).
    public var combinationLayers: [Int] {
        var sized: [(size: Int, min: Int, window: UInt64, layer: Int)] = []
        sized.reserveCapacity(layers.count)
        for (index, layer) in layers.enumerated() {
            guard let min = layer.summary.min else { continue }
            sized.append((layer.count, min, layer.summary.window, index))
        }
        func equalProgressions(_ a: Int, _ b: Int) -> Bool {
            layers[a].summary == layers[b].summary && layers[a].summary.singleProgression != nil
        }
        sized.sort { a, b in
            if a.size != b.size { return a.size < b.size }
            if a.min != b.min { return a.min < b.min }
            let difference = a.window ^ b.window
            if difference != 0 { return a.window & difference & (0 &- difference) != 0 }
            if equalProgressions(a.layer, b.layer) { return false }
            return layers[a.layer].timestamps.precedesAmongEqualSizes(layers[b.layer].timestamps)
        }
        var distinct: [Int] = []
        var last: (size: Int, min: Int, window: UInt64, layer: Int)?
        for entry in sized {
            if let last, last.size == entry.size, last.min == entry.min, last.window == entry.window,
               equalProgressions(last.layer, entry.layer) || layers[last.layer].timestamps == layers[entry.layer].timestamps { continue }
            distinct.append(entry.layer)
            last = entry
        }
        return distinct
    }

    /// Σ |T(L)| over layers.
    public var totalTimestamps: Int { layers.reduce(0) { $0 + $1.count } }
}
