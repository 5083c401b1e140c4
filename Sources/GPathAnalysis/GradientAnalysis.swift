import BigInt
import GPathIR

/// The full gradient analysis of a graph (spec §4): timestamps, units, sources, combinations,
/// path-length distributions and duplication. Produced by ``GradientAnalysisPass``.
public struct GradientAnalysis: Sendable {
    /// Every weighted layer in declaration order.
    public let layers: [LayerAnalysis]
    /// Paths from a loss to any network input, by weighted layers crossed.
    public let inputPaths: PathCounts
    /// Strict duplication: components are (emitter, round, channel).
    public let strictDuplication: Duplication
    /// Source-level duplication: components are (emitter, round).
    public let sourceDuplication: Duplication
    /// Per-pair duplication, computed on demand (`pairs.compute()`).
    public let duplicationPairs: DuplicationPairs

    /// Every unit of every layer, layers in declaration order, units by lowest channel.
    public var units: [UnitAnalysis] { layers.flatMap(\.units) }
}

/// One weighted layer.
public struct LayerAnalysis: Sendable {
    public let node: NodeID
    public let name: String
    public let channels: Int
    public let groups: Int
    /// Union of its units' timestamps.
    public let timestamps: TimestampSet
    /// Paths ending at the layer, each counted once whatever channels it carries.
    public let pathCounts: PathCounts
    /// The layer's channels split into groups that receive gradient identically (§4.3).
    public let units: [UnitAnalysis]

    public var shortestPath: Int? { timestamps.min }
    public var longestPath: Int? { timestamps.max }
}

/// A maximal set of a layer's channels with an identical gradient profile.
public struct UnitAnalysis: Sendable {
    /// `L`, or `L[a:b,…]` when the layer has several units.
    public let label: String
    public let layer: NodeID
    public let channels: ChannelSet
    public let timestamps: TimestampSet
    public let pathCounts: PathCounts
    /// What the unit receives, one entry per emission (an emitter's rounds sharing one emitted
    /// channel set), sorted by emitter name then first round. Compact: ``sources`` expands it.
    public let receptions: [EmissionReception]

    public var shortestPath: Int? { timestamps.min }
    public var longestPath: Int? { timestamps.max }
    public var isReachable: Bool { !timestamps.isEmpty }

    /// The unit's source combination: for each emitter, the timestamps at which the unit
    /// receives its gradient (the set of (t, emitter) pairs of spec §4.5).
    ///
    /// Read off ``receptions`` in one pass: sorted by emitter name, an emitter's receptions are
    /// adjacent, so each run of them is one entry (a single reception's set is shared, not copied).
    public var sourceCombination: [EmitterTimestamps] {
        var combination: [EmitterTimestamps] = []
        var start = receptions.startIndex
        while start < receptions.endIndex {
            let emitter = receptions[start].emitter
            var timestamps = receptions[start].timestamps
            var next = start + 1
            while next < receptions.endIndex, receptions[next].emitter == emitter {
                timestamps.formUnion(receptions[next].timestamps)
                next += 1
            }
            combination.append(EmitterTimestamps(emitter: emitter, timestamps: timestamps))
            start = next
        }
        return combination
    }

    /// Gradient sources by timestamp, then emitter name (spec §4.4). Its size is the number of
    /// (t, emitter) pairs, which grows as depth³ on deep residual nets: expand only for reports.
    ///
    /// At each of ``receivedTimestamps``, the receptions holding it, in their order (which is by
    /// emitter name): a writer can walk the same way without building this.
    public var sources: [TimestampSources] {
        receivedTimestamps.map { t in
            TimestampSources(t: t, from: receptions.filter { $0.timestamps.contains(t) }.map { reception in
                GradientSource(emitter: reception.emitter, emittedAt: t - 1, channels: reception.channels, of: reception.of)
            })
        }
    }

    /// The timestamps at which the unit receives gradient: the union of its receptions'.
    public var receivedTimestamps: TimestampSet {
        var timestamps = TimestampSet()
        for reception in receptions { timestamps.formUnion(reception.timestamps) }
        return timestamps
    }
}

/// The part of one emission a unit receives, at every timestamp of that emission.
public struct EmissionReception: Sendable, Hashable {
    public let emitter: String
    /// Timestamps t = emission round + 1.
    public let timestamps: TimestampSet
    /// Emitted channels (emitter's input space) the unit receives.
    public let channels: ChannelSet
    /// Size of the emission.
    public let of: Int
}

/// One emitter's timestamps in a source combination.
public struct EmitterTimestamps: Sendable, Hashable {
    public let emitter: String
    public let timestamps: TimestampSet

    /// A total order on source combinations: by number of emitters, then entry by entry by
    /// emitter name, then timestamps (as ``TimestampSet`` orders them).
    static func precedes(_ a: [EmitterTimestamps], _ b: [EmitterTimestamps]) -> Bool {
        if a.count != b.count { return a.count < b.count }
        for (x, y) in zip(a, b) {
            if x.emitter != y.emitter { return x.emitter < y.emitter }
            if x.timestamps != y.timestamps { return x.timestamps < y.timestamps }
        }
        return false
    }
}

/// A (timestamp, emitter) pair of a source combination.
public struct SourcePair: Hashable, Sendable, Comparable {
    public let t: Int
    public let emitter: String

    public static func < (a: SourcePair, b: SourcePair) -> Bool { (a.t, a.emitter) < (b.t, b.emitter) }
}

/// What a unit receives at one timestamp.
public struct TimestampSources: Sendable {
    public let t: Int
    public let from: [GradientSource]
}

/// The part of one emission a unit receives.
public struct GradientSource: Sendable, Hashable {
    /// A loss id or a layer id.
    public let emitter: String
    /// Round of emission (t − 1).
    public let emittedAt: Int
    /// Which channels of the emission (emitter's input space) the unit receives.
    public let channels: ChannelSet
    /// Size of the emission.
    public let of: Int
    /// True when the unit receives every channel of the emission.
    public var isFull: Bool { channels.count == of }
}

/// Counts of duplicated gradient information (§4.8).
public struct Duplication: Sendable {
    /// Components received by at least one layer.
    public let components: Int
    /// Σ over components of the number of distinct layers receiving it.
    public let receptions: Int
    /// Σ (n_k − 1) = receptions − components.
    public var duplicated: Int { receptions - components }
    /// duplicated / receptions, 0 when nothing is received.
    public var ratio: Double { receptions == 0 ? 0 : Double(duplicated) / Double(receptions) }
}

/// Two layers sharing `shared` components.
public struct LayerPair: Sendable, Hashable {
    public let a: String
    public let b: String
    public let shared: Int
}
