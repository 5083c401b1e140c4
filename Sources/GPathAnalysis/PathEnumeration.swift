import GPathIR

/// Exact path counting by arrival set (spec §4.1, §4.9): for every layer, the gradient paths
/// ending at it grouped by the channel set they carry on arrival, with counts per length.
///
/// A path is fixed by its edge sequence, and its arrival set is a function of that sequence, so
/// grouping paths by (node, carried set) and pushing groups backwards in reverse topological
/// order counts every path exactly once. Free nodes' groups are dropped once pushed on.
struct PathEnumeration {
    /// For each layer: arrival set → paths ending there, by length in weighted layers
    /// crossed *before* the layer (the report's length is one more).
    var arrivals: [NodeID: [ChannelSet: PathCounts]] = [:]
    /// Paths ending at network inputs, by weighted layers crossed.
    var inputPaths = PathCounts()

    init(graph: Graph) {
        var pending = [[ChannelSet: PathCounts]](repeating: [:], count: graph.nodes.count)
        for id in graph.topologicalOrder.reversed() {
            let node = graph[id]
            var groups = pending[id.index]
            pending[id.index] = [:]
            var shift = 0
            switch node.op.routing {
            case .origin:
                groups = [ChannelSet(ChannelRange(0, node.inputWidth)): PathCounts(single: 0)]
                for window in node.backwardWindows {
                    let carried = ChannelSet(window.window).shifted(by: window.shift)
                    pending[window.source.index][carried, default: PathCounts()].add(PathCounts(single: 0))
                }
                continue
            case .sink:
                for counts in groups.values { inputPaths.add(counts) }
                continue
            case .stop:
                continue
            case .weighted:
                arrivals[id] = groups
                var inputGroups: [ChannelSet: PathCounts] = [:]
                for (set, counts) in groups {
                    inputGroups[node.inputDependence(of: set), default: PathCounts()].add(counts)
                }
                groups = inputGroups
                shift = 1
            case .mix(let mixing):
                for (set, counts) in groups {
                    for dependence in node.mixedDependence(of: set, mixing) {
                        pending[dependence.window.source.index][dependence.channels, default: PathCounts()].add(counts)
                    }
                }
                continue
            case .copy, .divide, .pass:
                break
            }
            let windows = node.backwardWindows
            for (set, counts) in groups {
                for window in windows {
                    let carried = set.intersection(window.window)
                    guard !carried.isEmpty else { continue }
                    pending[window.source.index][carried.shifted(by: window.shift), default: PathCounts()]
                        .add(counts, shiftedBy: shift)
                }
            }
        }
    }
}
