import GPathIR

/// Computes ``GradientAnalysis``: exact path enumeration by arrival set, the round-by-round
/// timestamps derived from it, emission routing for sources, units, and duplication.
///
/// Cost: the report itself is Θ(Σ |T(L)|), quadratic in depth for residual nets (spec §10); the
/// work stays near that size — emissions with equal channel sets are routed once for all their
/// rounds. For a depth figure only, use the linear-time ``GradientPathPass``.
public struct GradientAnalysisPass: Sendable {
    public init() {}

    public func run(on graph: Graph) -> GradientAnalysis {
        let enumeration = PathEnumeration<PathCounts>(graph: graph)
        var arrivalSegments: [NodeID: [ArrivalSegment]] = [:]
        var stamped: [NodeID: [(rounds: TimestampSet, channels: ChannelSet)]] = [:]
        for node in graph.nodes where node.op.isWeighted {
            let segments = ArrivalSegment.segments(of: node, arrivals: enumeration.arrivals[node.id] ?? [:])
            arrivalSegments[node.id] = segments
            stamped[node.id] = Self.roundsBySegments(segments)
        }
        let routing = EmissionRouting(graph: graph, stamped: stamped)
        var layers: [LayerAnalysis] = []
        for node in graph.nodes where node.op.isWeighted {
            let partition = UnitPartition(
                node: node, arrivals: enumeration.arrivals[node.id] ?? [:],
                receptions: routing.receptions[node.id] ?? [], routing: routing, graph: graph)
            layers.append(partition.layer)
        }
        let duplication = DuplicationCount(graph: graph, routing: routing)
        return GradientAnalysis(
            layers: layers, inputPaths: enumeration.inputPaths,
            strictDuplication: duplication.strict, sourceDuplication: duplication.source,
            duplicationPairs: duplication.pairs)
    }
}

extension GradientAnalysisPass {
    /// Groups a layer's rounds by the set of its channels stamped in that round, so each
    /// distinct stamped set is expanded to an emission once (usually one group per layer).
    static func roundsBySegments(_ segments: [ArrivalSegment]) -> [(rounds: TimestampSet, channels: ChannelSet)] {
        if segments.count == 1, let only = segments.first {
            return only.timestamps.isEmpty ? [] : [(only.timestamps, ChannelSet(only.range))]
        }
        var all = TimestampSet()
        for segment in segments { all.formUnion(segment.timestamps) }
        var groups: [[Int]: TimestampSet] = [:]
        for round in all {
            let key = segments.indices.filter { segments[$0].timestamps.contains(round) }
            groups[key, default: TimestampSet()].insert(round)
        }
        return groups.keys.sorted { $0.lexicographicallyPrecedes($1) }.map { key in
            (groups[key] ?? TimestampSet(), ChannelSet(key.map { segments[$0].range }))
        }
    }
}

/// An elementary run of a layer's channels on which every arrival set agrees.
struct ArrivalSegment {
    let range: ChannelRange
    let timestamps: TimestampSet
    let pathCounts: PathCounts

    /// Cuts the layer's channels at every arrival-set boundary (and `extraCuts`).
    static func segments(of node: Node, arrivals: [ChannelSet: PathCounts], extraCuts: [Int] = []) -> [ArrivalSegment] {
        var cuts = Set([0, node.channels])
        for set in arrivals.keys {
            for run in set.runs {
                cuts.insert(run.lower)
                cuts.insert(run.upper)
            }
        }
        cuts.formUnion(extraCuts)
        let sorted = cuts.filter { $0 >= 0 && $0 <= node.channels }.sorted()
        let ordered = arrivals.sorted { $0.key.runs.lexicographicallyPrecedes($1.key.runs) }
        var segments: [ArrivalSegment] = []
        for index in 0..<(sorted.count - 1) {
            let range = ChannelRange(sorted[index], sorted[index + 1])
            var counts = PathCounts()
            for (set, pathCounts) in ordered where set.contains(range.lower) {
                counts.add(pathCounts, shiftedBy: 1)
            }
            segments.append(ArrivalSegment(range: range, timestamps: counts.lengths, pathCounts: counts))
        }
        return segments
    }
}
