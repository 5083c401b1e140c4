import GPathIR

/// Enumerates every gradient path explicitly (spec §4.1), one at a time with an explicit stack:
/// exponential, for small graphs only. An independent check of the analysis passes.
public enum BruteForcePaths {
    /// For each layer and output channel, the number of paths of each length whose arrival set
    /// contains the channel; and for each layer, the number of paths ending there by length.
    public struct Counts {
        public var perChannel: [String: [Int: [Int: Int]]] = [:]
        public var perLayer: [String: [Int: Int]] = [:]
        public var input: [Int: Int] = [:]
    }

    public static func count(_ graph: Graph, limit: Int = 200_000) -> Counts? {
        struct State {
            let node: NodeID
            let channels: ChannelSet
            let layers: Int
        }
        var counts = Counts()
        var stack: [State] = []
        for loss in graph.losses {
            for (index, edge) in loss.inputs.enumerated() where !edge.stopsGradient {
                _ = index
                stack.append(State(node: edge.source, channels: ChannelSet(edge.sourceRange), layers: 0))
            }
        }
        var steps = 0
        while let state = stack.popLast() {
            steps += 1
            if steps > limit { return nil }
            let node = graph[state.node]
            var carried = state.channels
            var layers = state.layers
            switch node.op.routing {
            case .weighted:
                let length = state.layers + 1
                counts.perLayer[node.name, default: [:]][length, default: 0] += 1
                for run in state.channels.runs {
                    for channel in run.lower..<run.upper {
                        counts.perChannel[node.name, default: [:]][channel, default: [:]][length, default: 0] += 1
                    }
                }
                carried = groupsExpanded(node, state.channels)
                layers = length
            case .sink:
                counts.input[state.layers, default: 0] += 1
                continue
            case .stop, .origin:
                continue
            case .mix(let mixing):
                for (index, edge) in node.inputs.enumerated() where !edge.stopsGradient {
                    let reached: ChannelSet
                    if mixing.exactEdges.contains(index) {
                        reached = state.channels.intersection(ChannelRange(0, edge.width))
                    } else {
                        let groups = max(1, mixing.groups)
                        let outPer = node.channels / groups
                        let inPer = edge.width / groups
                        reached = ChannelSet((0..<groups).filter {
                            !state.channels.intersection(ChannelRange($0 * outPer, ($0 + 1) * outPer)).isEmpty
                        }.map { ChannelRange($0 * inPer, ($0 + 1) * inPer) })
                    }
                    guard !reached.isEmpty else { continue }
                    stack.append(State(node: edge.source, channels: reached.shifted(by: edge.sourceRange.lower), layers: layers))
                }
                continue
            case .copy, .divide, .pass:
                break
            }
            let offsets = node.inputOffsets
            for (index, edge) in node.inputs.enumerated() where !edge.stopsGradient {
                let window = ChannelRange(offsets[index], offsets[index] + edge.width)
                let part = carried.intersection(window)
                guard !part.isEmpty else { continue }
                stack.append(State(node: edge.source, channels: part.shifted(by: edge.sourceRange.lower - offsets[index]), layers: layers))
            }
        }
        return counts
    }

    /// Input channels of the groups owning `channels` (spec §2.1), written independently of
    /// the analysis module's helper.
    private static func groupsExpanded(_ node: Node, _ channels: ChannelSet) -> ChannelSet {
        let groups = max(1, node.op.groups)
        let outPer = node.channels / groups
        let inPer = node.inputWidth / groups
        var ranges: [ChannelRange] = []
        for group in 0..<groups where !channels.intersection(ChannelRange(group * outPer, (group + 1) * outPer)).isEmpty {
            ranges.append(ChannelRange(group * inPer, (group + 1) * inPer))
        }
        return ChannelSet(ranges)
    }
}
