import GPathIR

/// Network-level figures of spec §4.7, derived from the per-unit results.
extension GradientAnalysis {
    public var reachableUnits: [UnitAnalysis] { units.filter(\.isReachable) }

    /// Labels of units no gradient reaches, natural order.
    public var unreachableUnits: [String] {
        NaturalOrder.sorted(units.filter { !$0.isReachable }.map(\.label))
    }

    /// Names of layers no gradient reaches, natural order.
    public var unreachableLayers: [String] {
        NaturalOrder.sorted(layers.filter { $0.timestamps.isEmpty }.map(\.name))
    }

    /// Distinct non-empty timestamp sets over units, by size then lexicographically.
    public var timestampCombinations: [TimestampSet] {
        TimestampSet.distinctSorted(reachableUnits.map(\.timestamps))
    }

    /// Number of distinct non-empty source combinations over units.
    ///
    /// Counted by sorting, not hashing: on a deep residual net a combination lists hundreds of
    /// emitters, and two combinations mostly differ early, where a comparison stops and a hash
    /// would read every entry.
    public var sourceCombinationsCount: Int {
        let combinations = reachableUnits.map(\.sourceCombination)
        let order = combinations.indices.sorted { EmitterTimestamps.precedes(combinations[$0], combinations[$1]) }
        return order.indices.filter { $0 == 0 || combinations[order[$0 - 1]] != combinations[order[$0]] }.count
    }

    public var minShortestPath: Int? { reachableUnits.compactMap(\.shortestPath).min() }

    /// Max over units of SGP (the ELAN criterion).
    public var longestShortestPath: Int? { reachableUnits.compactMap(\.shortestPath).max() }

    /// Units whose SGP equals ``longestShortestPath``, natural order.
    public var longestShortestPathUnits: [String] {
        guard let target = longestShortestPath else { return [] }
        return NaturalOrder.sorted(reachableUnits.filter { $0.shortestPath == target }.map(\.label))
    }

    /// Max over layers of the layer-level SGP.
    public var longestShortestPathLayerwise: Int? { layers.compactMap(\.shortestPath).max() }

    /// The network's longest gradient path.
    public var longestPath: Int? { reachableUnits.compactMap(\.longestPath).max() }

    /// Units whose LGP equals ``longestPath``, natural order.
    public var longestPathUnits: [String] {
        guard let target = longestPath else { return [] }
        return NaturalOrder.sorted(reachableUnits.filter { $0.longestPath == target }.map(\.label))
    }

    /// For each timestamp, the units receiving gradient then (natural order).
    public var timestampTable: [(t: Int, units: [String])] {
        // Units sorted once (stably), so every row fills in natural order: the same rows as
        // sorting each row, without sorting Σ|T| labels.
        let labels = NaturalOrder.sorted(units.map(\.label))
        let byLabel = Dictionary(units.map { ($0.label, $0.timestamps) }, uniquingKeysWith: { first, _ in first })
        var rows: [Int: [String]] = [:]
        for label in labels {
            for t in byLabel[label] ?? TimestampSet() { rows[t, default: []].append(label) }
        }
        return rows.keys.sorted().map { ($0, rows[$0] ?? []) }
    }
}
