import GPathIR

/// What path enumeration tallies for a group of paths: their exact counts per length
/// (``PathCounts``), or only which lengths occur (``TimestampSet``, bits instead of big
/// integers).
protocol PathTally {
    init()
    /// One path of `length`.
    init(single length: Int)
    /// Adds `other`'s paths, each `shift` layers longer.
    mutating func add(_ other: Self, shiftedBy shift: Int)
}

extension PathCounts: PathTally {}

extension TimestampSet: PathTally {
    init(single length: Int) {
        self.init()
        insert(length)
    }

    mutating func add(_ other: TimestampSet, shiftedBy shift: Int) { formUnion(other, shiftedBy: shift) }
}

/// Exact path enumeration by arrival set (spec §4.1, §4.9): for every layer, the gradient paths
/// ending at it grouped by the channel set they carry on arrival, tallied per length.
///
/// A path is fixed by its edge sequence, and its arrival set is a function of that sequence, so
/// grouping paths by (node, carried set) and pushing groups backwards in reverse topological
/// order counts every path exactly once. Free nodes' groups are dropped once pushed on.
struct PathEnumeration<Tally: PathTally> {
    /// For each layer: arrival set → paths ending there, by length in weighted layers
    /// crossed *before* the layer (the report's length is one more).
    var arrivals: [NodeID: [ChannelSet: Tally]] = [:]
    /// Paths ending at network inputs, by weighted layers crossed.
    var inputPaths = Tally()

    init(graph: Graph) {
        var pending = [[ChannelSet: Tally]](repeating: [:], count: graph.nodes.count)
        for id in graph.topologicalOrder.reversed() {
            let node = graph[id]
            var groups = pending[id.index]
            pending[id.index] = [:]
            var shift = 0
            switch node.op.routing {
            case .origin:
                groups = [ChannelSet(ChannelRange(0, node.inputWidth)): Tally(single: 0)]
                for window in node.backwardWindows {
                    let carried = ChannelSet(window.window).shifted(by: window.shift)
                    pending[window.source.index][carried, default: Tally()].add(Tally(single: 0), shiftedBy: 0)
                }
                continue
            case .sink:
                for counts in groups.values { inputPaths.add(counts, shiftedBy: 0) }
                continue
            case .stop:
                continue
            case .weighted:
                arrivals[id] = groups
                var inputGroups: [ChannelSet: Tally] = [:]
                for (set, counts) in groups {
                    inputGroups[node.inputDependence(of: set), default: Tally()].add(counts, shiftedBy: 0)
                }
                groups = inputGroups
                shift = 1
            case .mix(let mixing):
                for (set, counts) in groups {
                    for dependence in node.mixedDependence(of: set, mixing) {
                        pending[dependence.window.source.index][dependence.channels, default: Tally()].add(counts, shiftedBy: 0)
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
                    pending[window.source.index][carried.shifted(by: window.shift), default: Tally()]
                        .add(counts, shiftedBy: shift)
                }
            }
        }
    }
}
