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
        var received = [[NodeID: ChannelSet]](repeating: [:], count: routing.emissions.count)
        for (layer, receptions) in routing.receptions {
            for reception in receptions {
                received[reception.emission][layer, default: ChannelSet()] =
                    received[reception.emission][layer, default: ChannelSet()].union(reception.emittedChannels)
            }
        }
        var strictComponents = 0
        var strictReceptions = 0
        var sourceComponents = 0
        var sourceReceptions = 0
        var strictPairs: [PairKey: Int] = [:]
        var sourcePairs: [PairKey: Int] = [:]
        for (index, emission) in routing.emissions.enumerated() where !received[index].isEmpty {
            let repeats = emission.rounds.count
            let receivers = received[index].map { (name: graph[$0.key].name, set: $0.value) }
                .sorted { NaturalOrder.areInIncreasingOrder($0.name, $1.name) }
            let union = receivers.reduce(ChannelSet()) { $0.union($1.set) }
            strictComponents += repeats * union.count
            strictReceptions += repeats * receivers.reduce(0) { $0 + $1.set.count }
            sourceComponents += repeats
            sourceReceptions += repeats * receivers.count
            for i in receivers.indices {
                for j in receivers.indices where j > i {
                    let key = PairKey(a: receivers[i].name, b: receivers[j].name)
                    sourcePairs[key, default: 0] += repeats
                    let shared = receivers[i].set.intersection(receivers[j].set).count
                    if shared > 0 { strictPairs[key, default: 0] += repeats * shared }
                }
            }
        }
        strict = Duplication(components: strictComponents, receptions: strictReceptions, pairs: Self.sorted(strictPairs))
        source = Duplication(components: sourceComponents, receptions: sourceReceptions, pairs: Self.sorted(sourcePairs))
    }

    private struct PairKey: Hashable {
        let a: String
        let b: String
    }

    private static func sorted(_ pairs: [PairKey: Int]) -> [LayerPair] {
        pairs.map { LayerPair(a: $0.key.a, b: $0.key.b, shared: $0.value) }.sorted {
            if $0.a != $1.a { return NaturalOrder.areInIncreasingOrder($0.a, $1.a) }
            return NaturalOrder.areInIncreasingOrder($0.b, $1.b)
        }
    }
}
