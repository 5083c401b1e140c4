import GPathIR

/// The component model of spec §4.4: every emission (a loss at round 0, or a layer re-emitting
/// in round r) routed back through parameter-free nodes to the layers that receive it.
///
/// Rounds of one emitter with the same emitted channel set are routed once together, since
/// routing through free nodes does not depend on the round. A reception records which of a
/// receiver's output channels get which emitted channels (`emitted = channel + delta`).
struct EmissionRouting {
    /// An emitter's rounds sharing one emitted channel set.
    struct Emission {
        let emitter: NodeID
        /// Rounds r of emission (received at t = r + 1).
        let rounds: TimestampSet
        /// Emitted channels, in the emitter's input space.
        let channels: ChannelSet
        /// Emissions' size: `of` in the report.
        let width: Int
        /// Timestamps at which receivers get it (rounds + 1).
        let timestamps: TimestampSet

        init(emitter: NodeID, rounds: TimestampSet, channels: ChannelSet) {
            self.emitter = emitter
            self.rounds = rounds
            self.channels = channels
            self.width = channels.count
            self.timestamps = TimestampSet(rounds.map { $0 + 1 })
        }
    }

    /// One receiver's share of an emission.
    struct Reception {
        let emission: Int
        /// Receiver output channels.
        let channels: ChannelSet
        /// Emitted channel = receiver channel + delta (when ``mixed`` is nil).
        let delta: Int
        /// When the emission reached the receiver through a mixing node: the emitted channels
        /// that entered it, every one of which reaches every receiver channel.
        let mixed: ChannelSet?

        init(emission: Int, channels: ChannelSet, delta: Int, mixed: ChannelSet? = nil) {
            self.emission = emission
            self.channels = channels
            self.delta = delta
            self.mixed = mixed
        }

        var emittedChannels: ChannelSet { mixed ?? channels.shifted(by: delta) }

        /// The emitted channels reaching `part` of the receiver's channels.
        func emitted(reaching part: ChannelSet) -> ChannelSet { mixed ?? part.shifted(by: delta) }
    }

    var emissions: [Emission] = []
    /// Receptions by receiving layer.
    var receptions: [NodeID: [Reception]] = [:]

    /// - Parameter stamped: for each layer, its rounds grouped by the output channels stamped.
    init(graph: Graph, stamped: [NodeID: [(rounds: TimestampSet, channels: ChannelSet)]]) {
        for node in graph.nodes {
            switch node.op.routing {
            case .origin:
                emit(Emission(emitter: node.id, rounds: TimestampSet([0]), channels: ChannelSet(ChannelRange(0, node.inputWidth))), graph: graph)
            case .weighted:
                var roundsBySet: [ChannelSet: TimestampSet] = [:]
                for group in stamped[node.id] ?? [] {
                    roundsBySet[node.inputDependence(of: group.channels), default: TimestampSet()].formUnion(group.rounds)
                }
                for (set, rounds) in roundsBySet.sorted(by: { ($0.value.min ?? 0) < ($1.value.min ?? 0) }) {
                    emit(Emission(emitter: node.id, rounds: rounds, channels: set), graph: graph)
                }
            default:
                break
            }
        }
    }

    private struct Visit: Hashable {
        let node: NodeID
        let channels: ChannelSet
        let delta: Int
        /// Set once the walk has crossed a mixing node: the emitted channels that entered it.
        var mixed: ChannelSet?
    }

    /// Walks back from the emitter through free nodes with an explicit stack (no recursion).
    private mutating func emit(_ emission: Emission, graph: Graph) {
        let index = emissions.count
        emissions.append(emission)
        var stack: [Visit] = []
        var seen = Set<Visit>()
        func push(from node: Node, channels: ChannelSet, delta: Int, mixed: ChannelSet? = nil) {
            for window in node.backwardWindows {
                let part = channels.intersection(window.window)
                guard !part.isEmpty else { continue }
                let visit = Visit(node: window.source, channels: part.shifted(by: window.shift), delta: delta - window.shift, mixed: mixed)
                if seen.insert(visit).inserted { stack.append(visit) }
            }
        }
        push(from: graph[emission.emitter], channels: emission.channels, delta: 0)
        while let visit = stack.popLast() {
            let node = graph[visit.node]
            switch node.op.routing {
            case .weighted:
                receptions[visit.node, default: []].append(
                    Reception(emission: index, channels: visit.channels, delta: visit.delta, mixed: visit.mixed))
            case .copy, .divide, .pass:
                push(from: node, channels: visit.channels, delta: visit.delta, mixed: visit.mixed)
            case .mix(let mixing):
                let entering = visit.mixed ?? visit.channels.shifted(by: visit.delta)
                for dependence in node.mixedDependence(of: visit.channels, mixing) {
                    let exact = dependence.exact && visit.mixed == nil
                    let next = Visit(
                        node: dependence.window.source, channels: dependence.channels,
                        delta: exact ? visit.delta - dependence.window.shift : 0, mixed: exact ? nil : entering)
                    if seen.insert(next).inserted { stack.append(next) }
                }
            case .origin, .sink, .stop:
                break
            }
        }
    }
}
