import GPathIR

/// Splits one layer into units (spec §4.3): elementary channel runs grouped by the profile
/// (timestamps, path-count histogram, (timestamp, emitter) pairs), and builds their sources.
struct UnitPartition {
    let layer: LayerAnalysis

    private struct Profile: Hashable {
        let timestamps: TimestampSet
        let pathCounts: PathCounts
        /// Emitter node index → timestamps received from it.
        let pairs: [Int: TimestampSet]
    }

    init(node: Node, arrivals: [ChannelSet: PathCounts], receptions: [EmissionRouting.Reception], routing: EmissionRouting, graph: Graph) {
        let cuts = receptions.flatMap { $0.channels.runs.flatMap { [$0.lower, $0.upper] } }
        let segments = ArrivalSegment.segments(of: node, arrivals: arrivals, extraCuts: cuts)
        var order: [Profile] = []
        var members: [Profile: [ChannelRange]] = [:]
        for segment in segments {
            var pairs: [Int: TimestampSet] = [:]
            for reception in receptions where reception.channels.contains(segment.range.lower) {
                let emission = routing.emissions[reception.emission]
                pairs[emission.emitter.index, default: TimestampSet()].formUnion(emission.timestamps)
            }
            let profile = Profile(timestamps: segment.timestamps, pathCounts: segment.pathCounts, pairs: pairs)
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
                receptions: Self.receptions(for: channels, receptions: receptions, routing: routing, graph: graph)))
        }
        var layerCounts = PathCounts()
        for counts in arrivals.values { layerCounts.add(counts, shiftedBy: 1) }
        layer = LayerAnalysis(
            node: node.id, name: node.name, channels: node.channels, groups: node.op.groups,
            timestamps: layerTimestamps, pathCounts: layerCounts, units: units)
    }

    /// Per emission, the emitted channels that reach `channels`.
    private static func receptions(for channels: ChannelSet, receptions: [EmissionRouting.Reception], routing: EmissionRouting, graph: Graph) -> [EmissionReception] {
        var received: [Int: [ChannelRange]] = [:]
        for reception in receptions {
            let overlap = reception.channels.intersection(channels)
            guard !overlap.isEmpty else { continue }
            received[reception.emission, default: []].append(contentsOf: reception.emitted(reaching: overlap).runs)
        }
        return received.keys.sorted().map { index in
            let emission = routing.emissions[index]
            return EmissionReception(
                emitter: graph[emission.emitter].name, timestamps: emission.timestamps,
                channels: ChannelSet(received[index] ?? []), of: emission.width)
        }.sorted { ($0.emitter, $0.timestamps.min ?? 0) < ($1.emitter, $1.timestamps.min ?? 0) }
    }
}
