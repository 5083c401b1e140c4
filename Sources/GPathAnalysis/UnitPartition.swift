import GPathIR

/// Splits one layer into units (spec §4.3): elementary channel runs grouped by the profile
/// (timestamps, path-count histogram, (timestamp, emitter) pairs), and builds their sources.
struct UnitPartition {
    let layer: LayerAnalysis

    private struct Profile: Hashable {
        let timestamps: TimestampSet
        let pathCounts: PathCounts
        let pairs: [SourcePair]
    }

    init(node: Node, arrivals: [ChannelSet: PathCounts], receptions: [EmissionRouting.Reception], routing: EmissionRouting, graph: Graph) {
        let cuts = receptions.flatMap { $0.channels.runs.flatMap { [$0.lower, $0.upper] } }
        let segments = ArrivalSegment.segments(of: node, arrivals: arrivals, extraCuts: cuts)
        var order: [Profile] = []
        var members: [Profile: [ChannelRange]] = [:]
        for segment in segments {
            var pairs = Set<SourcePair>()
            for reception in receptions where reception.channels.contains(segment.range.lower) {
                let emission = routing.emissions[reception.emission]
                let name = graph[emission.emitter].name
                for round in emission.rounds { pairs.insert(SourcePair(t: round + 1, emitter: name)) }
            }
            let profile = Profile(timestamps: segment.timestamps, pathCounts: segment.pathCounts, pairs: pairs.sorted())
            if members[profile] == nil { order.append(profile) }
            members[profile, default: []].append(segment.range)
        }
        let single = order.count == 1
        var units: [UnitAnalysis] = []
        var layerTimestamps = TimestampSet()
        for profile in order {
            let channels = ChannelSet(members[profile] ?? [])
            layerTimestamps.formUnion(profile.timestamps)
            units.append(UnitAnalysis(
                label: single ? node.name : node.name + channels.description,
                layer: node.id, channels: channels, timestamps: profile.timestamps,
                pathCounts: profile.pathCounts,
                sources: Self.sources(for: channels, receptions: receptions, routing: routing, graph: graph),
                sourceCombination: profile.pairs))
        }
        var layerCounts = PathCounts()
        for counts in arrivals.values { layerCounts.add(counts, shiftedBy: 1) }
        layer = LayerAnalysis(
            node: node.id, name: node.name, channels: node.channels, groups: node.op.groups,
            timestamps: layerTimestamps, pathCounts: layerCounts, units: units)
    }

    /// For each timestamp, each emitter's emitted channels that reach `channels`.
    private static func sources(for channels: ChannelSet, receptions: [EmissionRouting.Reception], routing: EmissionRouting, graph: Graph) -> [TimestampSources] {
        struct Key: Hashable { let t: Int; let emitter: String; let emission: Int }
        var received: [Key: [ChannelRange]] = [:]
        for reception in receptions {
            let overlap = reception.channels.intersection(channels)
            guard !overlap.isEmpty else { continue }
            let emission = routing.emissions[reception.emission]
            let name = graph[emission.emitter].name
            for round in emission.rounds {
                received[Key(t: round + 1, emitter: name, emission: reception.emission), default: []]
                    .append(contentsOf: overlap.shifted(by: reception.delta).runs)
            }
        }
        let keys = received.keys.sorted { ($0.t, $0.emitter, $0.emission) < ($1.t, $1.emitter, $1.emission) }
        var byTime: [(Int, [GradientSource])] = []
        for key in keys {
            let source = GradientSource(
                emitter: key.emitter, emittedAt: key.t - 1, channels: ChannelSet(received[key] ?? []),
                of: routing.emissions[key.emission].width)
            if let last = byTime.last, last.0 == key.t {
                byTime[byTime.count - 1].1.append(source)
            } else {
                byTime.append((key.t, [source]))
            }
        }
        return byTime.map { TimestampSources(t: $0.0, from: $0.1) }
    }
}
