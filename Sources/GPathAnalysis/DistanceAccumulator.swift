import GPathIR

/// The distance contributions arriving at each node during ``GradientPathPass``'s backward
/// walk, kept flat: a contribution covering a node's whole output (the usual case) only moves
/// two integers; one covering part of it is kept in a per-node list, merged when the node is
/// reached (``DistanceRun/normalize(_:)``).
struct DistanceAccumulator {
    private var shortest: [Int32]
    private var longest: [Int32]
    private let widths: [Int32]
    /// Per node, the first of its partial contributions in ``pool`` (-1: none); each entry
    /// links to the next in ``next``. Taken entries go back on a free list, so the pool holds
    /// only contributions still waiting for their node.
    private var head: [Int32]
    private var pool: [DistanceRun] = []
    private var next: [Int32] = []
    private var free: Int32 = -1
    private var gathered: [DistanceRun] = []
    private var merger = RunMerger()

    init(graph: Graph) {
        let count = graph.nodeCount
        shortest = Array(repeating: .max, count: count)
        longest = Array(repeating: .min, count: count)
        head = Array(repeating: -1, count: count)
        widths = (0..<count).map { Int32(clamping: graph.channels(of: NodeID($0))) }
    }

    /// Adds `run` (in the node's output channels) to node `index`.
    mutating func add(_ index: Int, _ run: DistanceRun) {
        if run.range.lower == 0, run.range.upper == Int(widths[index]) {
            shortest[index] = min(shortest[index], Int32(clamping: run.shortest))
            longest[index] = max(longest[index], Int32(clamping: run.longest))
            return
        }
        let entry: Int32
        if free >= 0 {
            entry = free
            free = next[Int(entry)]
            pool[Int(entry)] = run
            next[Int(entry)] = head[index]
        } else {
            entry = Int32(truncatingIfNeeded: pool.count)
            pool.append(run)
            next.append(head[index])
        }
        head[index] = entry
    }

    /// Node `index`'s contributions when they all cover its whole output (the usual case): the
    /// fewest and most layers crossed, taken; nil, with nothing taken, when some contribution
    /// covers only part of it or none arrived (then ``take(_:into:)``).
    mutating func takeWhole(_ index: Int) -> (shortest: Int, longest: Int)? {
        guard head[index] < 0, shortest[index] != .max else { return nil }
        return (Int(shortest[index]), Int(longest[index]))
    }

    /// The node's output width.
    func width(_ index: Int) -> Int { Int(widths[index]) }

    /// Node `index`'s contributions as sorted, disjoint runs (what ``DistanceRun/normalize(_:)``
    /// makes of them) into `runs`, releasing what was kept for the node.
    mutating func take(_ index: Int, into runs: inout [DistanceRun]) {
        runs.clear()
        let whole = shortest[index] == .max ? nil : DistanceRun(
            range: ChannelRange(0, Int(widths[index])), shortest: Int(shortest[index]), longest: Int(longest[index]))
        if head[index] < 0 {
            if let whole { runs.append(whole) }
            return
        }
        gathered.clear()
        var entry = head[index]
        head[index] = -1
        while entry >= 0 {
            gathered.append(pool[Int(entry)])
            let following = next[Int(entry)]
            next[Int(entry)] = free
            free = entry
            entry = following
        }
        // Entries come back newest first; merging does not depend on their order.
        if let whole { gathered.append(whole) }
        merger.merge(gathered, into: &runs)
    }
}

extension Array {
    /// Empties a small working array, keeping its storage (cheaper than
    /// `removeAll(keepingCapacity:)` for the one or two elements a pass's scratch array holds).
    mutating func clear() {
        while !isEmpty { removeLast() }
    }
}
