import GPathIR

/// Counts duplicated gradient information (spec §4.8) from the routed emissions.
///
/// For an emission routed to layers X₁…X_m, where X_i receives emitted channel set R_i, each of
/// its |rounds| repetitions contributes: strict components |∪R_i|, strict receptions Σ|R_i|,
/// strict shared count |R_i ∩ R_j| per pair; source components 1, receptions m, shared 1 per pair.
struct DuplicationCount {
    let strict: Duplication
    let source: Duplication

    init(graph: Graph, routing: EmissionRouting) {
        // Runs are gathered first and canonicalised once per (emission, layer): a union per
        // reception re-sorted the growing set each time, quadratic in the receptions, which
        // made concat ladders (`aK = concat(aK-1, aK-2)`) exponential in practice.
        var gathered = [[NodeID: [ChannelRange]]](repeating: [:], count: routing.emissions.count)
        for (layer, receptions) in routing.receptions {
            for reception in receptions {
                gathered[reception.emission][layer, default: []].append(contentsOf: reception.emittedChannels.runs)
            }
        }
        let received = gathered.map { $0.mapValues { ChannelSet($0) } }
        var strictComponents = 0
        var strictReceptions = 0
        var sourceComponents = 0
        var sourceReceptions = 0
        var lists: [EmissionReceivers] = []
        for (index, emission) in routing.emissions.enumerated() where !received[index].isEmpty {
            let repeats = emission.rounds.count
            let receivers = received[index].sorted { $0.key < $1.key }.map { (layer: $0.key.index, channels: $0.value) }
            let union = ChannelSet(receivers.lazy.flatMap(\.channels.runs))
            // Saturating: 2^30-channel maps repeated over many rounds can pass Int.max.
            strictComponents = strictComponents.saturatingAdding(repeats.saturatingMultiplied(by: union.count))
            strictReceptions = strictReceptions.saturatingAdding(
                repeats.saturatingMultiplied(by: receivers.reduce(0) { $0.saturatingAdding($1.channels.count) }))
            sourceComponents = sourceComponents.saturatingAdding(repeats)
            sourceReceptions = sourceReceptions.saturatingAdding(repeats.saturatingMultiplied(by: receivers.count))
            lists.append(EmissionReceivers(repeats: repeats, receivers: receivers))
        }
        strict = Duplication(components: strictComponents, receptions: strictReceptions)
        source = Duplication(components: sourceComponents, receptions: sourceReceptions)
        pairs = DuplicationPairs(names: graph.nodes.map(\.name), emissions: lists)
    }

    let pairs: DuplicationPairs
}

/// The receivers of one emission, kept so pair counts can be computed on demand.
struct EmissionReceivers: Sendable {
    let repeats: Int
    let receivers: [(layer: Int, channels: ChannelSet)]
}

/// Per-pair shared components (spec §4.8 `pairs`), computed on demand: the work is
/// Σ over emissions of receivers², cubic in depth on deep residual nets.
public struct DuplicationPairs: Sendable {
    let names: [String]
    let emissions: [EmissionReceivers]

    /// Pairs sharing at least one component: strict (per channel) and source-level.
    public func compute() -> (strict: [LayerPair], source: [LayerPair]) {
        var strictPairs: [Int: Int] = [:]
        var sourcePairs: [Int: Int] = [:]
        let stride = names.count
        for emission in emissions {
            let receivers = emission.receivers
            for i in receivers.indices {
                for j in receivers.indices where j > i {
                    let key = receivers[i].layer * stride + receivers[j].layer
                    sourcePairs[key, default: 0] = sourcePairs[key, default: 0].saturatingAdding(emission.repeats)
                    let shared = Self.overlap(receivers[i].channels, receivers[j].channels)
                    if shared > 0 {
                        strictPairs[key, default: 0] = strictPairs[key, default: 0].saturatingAdding(emission.repeats.saturatingMultiplied(by: shared))
                    }
                }
            }
        }
        return (sorted(strictPairs), sorted(sourcePairs))
    }

    /// |a ∩ b|, without allocating for the common single-run case.
    static func overlap(_ a: ChannelSet, _ b: ChannelSet) -> Int {
        if a.runs.count == 1, b.runs.count == 1 {
            return max(0, min(a.runs[0].upper, b.runs[0].upper) - max(a.runs[0].lower, b.runs[0].lower))
        }
        return a.intersection(b).count
    }

    /// Pairs as (a, b) in natural name order, sorted by a then b. Names are ranked once (a
    /// natural-order comparison of two names is costly; pairs number up to layers²).
    private func sorted(_ pairs: [Int: Int]) -> [LayerPair] {
        let stride = names.count
        var rank = [Int](repeating: 0, count: stride)
        for (position, index) in names.indices.sorted(by: { NaturalOrder.areInIncreasingOrder(names[$0], names[$1]) }).enumerated() {
            rank[index] = position
        }
        var ranked: [(a: Int, b: Int, shared: Int)] = pairs.map { key, shared in
            let (first, second) = (key / stride, key % stride)
            return rank[first] < rank[second] ? (first, second, shared) : (second, first, shared)
        }
        ranked.sort { rank[$0.a] != rank[$1.a] ? rank[$0.a] < rank[$1.a] : rank[$0.b] < rank[$1.b] }
        return ranked.map { LayerPair(a: names[$0.a], b: names[$0.b], shared: $0.shared) }
    }
}
