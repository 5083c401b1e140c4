import GPathIR

/// The distance contributions arriving at each node during ``GradientPathPass``'s backward
/// walk, kept flat: a contribution covering a node's whole output (the usual case) only moves
/// two integers; one covering part of it is kept in a per-node list, merged when the node is
/// reached (as ``DistanceRun/normalize(_:)`` merges).
///
/// Its per-node tables are raw memory it owns (it cannot be copied and frees them when it
/// ends): the walk touches them several times per edge, and array uniqueness and bounds checks
/// were a third of the pass.
struct DistanceAccumulator: ~Copyable {
    private let nodeCount: Int
    /// Per node, the fewest and most layers over its whole-output contributions (.max / .min:
    /// none yet).
    private let shortest: UnsafeMutablePointer<Int32>
    private let longest: UnsafeMutablePointer<Int32>
    private let widths: UnsafeMutablePointer<Int32>
    /// Per node, the first of its partial contributions in ``pool`` (-1: none); each entry
    /// links to the next in ``next``. Taken entries go back on a free list, so the pool holds
    /// only contributions still waiting for their node.
    private let head: UnsafeMutablePointer<Int32>
    private var pool: UnsafeMutablePointer<DistanceRun>
    private var next: UnsafeMutablePointer<Int32>
    private var poolCapacity = 64
    private var poolCount = 0
    private var free: Int32 = -1
    private var merger = RunMerger()

    init(graph: Graph) {
        nodeCount = graph.nodeCount
        shortest = .allocate(capacity: nodeCount)
        shortest.initialize(repeating: .max, count: nodeCount)
        longest = .allocate(capacity: nodeCount)
        longest.initialize(repeating: .min, count: nodeCount)
        head = .allocate(capacity: nodeCount)
        head.initialize(repeating: -1, count: nodeCount)
        widths = .allocate(capacity: nodeCount)
        for index in 0..<nodeCount {
            (widths + index).initialize(to: Int32(clamping: graph.channels(of: NodeID(index))))
        }
        pool = .allocate(capacity: poolCapacity)
        next = .allocate(capacity: poolCapacity)
    }

    deinit {
        for pointer in [shortest, longest, widths, head, next] { pointer.deallocate() }
        pool.deallocate()
    }

    /// Adds `run` (in the node's output channels) to node `index`.
    mutating func add(_ index: Int, _ run: DistanceRun) {
        precondition(index >= 0 && index < nodeCount, "node index out of range")
        if run.range.lower == 0, run.range.upper == Int(widths[index]) {
            shortest[index] = min(shortest[index], Int32(clamping: run.shortest))
            longest[index] = max(longest[index], Int32(clamping: run.longest))
            return
        }
        let entry: Int
        if free >= 0 {
            entry = Int(free)
            free = next[entry]
            pool[entry] = run
        } else {
            if poolCount == poolCapacity { growPool() }
            entry = poolCount
            (pool + entry).initialize(to: run)
            poolCount += 1
        }
        next[entry] = head[index]
        head[index] = Int32(truncatingIfNeeded: entry)
    }

    /// Node `index`'s contributions when they all cover its whole output (the usual case): the
    /// fewest and most layers crossed, taken; nil, with nothing taken, when some contribution
    /// covers only part of it or none arrived (then ``take(_:into:)``).
    func takeWhole(_ index: Int) -> (shortest: Int, longest: Int)? {
        precondition(index >= 0 && index < nodeCount, "node index out of range")
        guard head[index] < 0, shortest[index] != .max else { return nil }
        return (Int(shortest[index]), Int(longest[index]))
    }

    /// The node's output width.
    func width(_ index: Int) -> Int {
        precondition(index >= 0 && index < nodeCount, "node index out of range")
        return Int(widths[index])
    }

    /// Node `index`'s contributions as sorted, disjoint runs into `runs` (emptied first),
    /// releasing what was kept for the node.
    mutating func take(_ index: Int, into runs: inout RunBuffer) {
        precondition(index >= 0 && index < nodeCount, "node index out of range")
        runs.removeAll()
        let whole = shortest[index] == .max ? nil : DistanceRun(
            range: ChannelRange(0, Int(widths[index])), shortest: Int(shortest[index]), longest: Int(longest[index]))
        var entry = Int(head[index])
        head[index] = -1
        if entry < 0 {
            if let whole { runs.append(whole) }
            return
        }
        // Entries come back newest first; merging does not depend on their order.
        while entry >= 0 {
            merger.append(pool[entry])
            let following = Int(next[entry])
            next[entry] = free
            free = Int32(truncatingIfNeeded: entry)
            entry = following
        }
        if let whole { merger.append(whole) }
        merger.merge(into: &runs)
    }

    private mutating func growPool() {
        let larger = poolCapacity * 2
        pool = pool.movedToLarger(count: poolCount, capacity: larger)
        next = next.movedToLarger(count: poolCount, capacity: larger)
        poolCapacity = larger
    }
}
