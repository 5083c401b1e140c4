/// A working list of distance runs in raw memory it owns: what ``GradientPathPass`` holds for
/// the node it is at, refilled at every node. Emptying it only resets a count (an array's
/// `removeAll(keepingCapacity:)` was 5% of the pass), and it cannot be copied, so no
/// uniqueness check guards its writes.
struct RunBuffer: ~Copyable {
    private var start: UnsafeMutablePointer<DistanceRun>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 16) {
        self.capacity = max(1, capacity)
        start = .allocate(capacity: self.capacity)
    }

    deinit { start.deallocate() }

    /// The runs, valid until the buffer next changes.
    var elements: UnsafeBufferPointer<DistanceRun> { UnsafeBufferPointer(start: start, count: count) }

    var isEmpty: Bool { count == 0 }

    subscript(index: Int) -> DistanceRun {
        get {
            precondition(index >= 0 && index < count, "run index out of range")
            return start[index]
        }
        set {
            precondition(index >= 0 && index < count, "run index out of range")
            start[index] = newValue
        }
    }

    mutating func removeAll() { count = 0 }

    mutating func append(_ run: DistanceRun) {
        if count == capacity { grow() }
        (start + count).initialize(to: run)
        count += 1
    }

    /// Replaces the contents with `runs`.
    mutating func replace(with runs: some Sequence<DistanceRun>) {
        count = 0
        for run in runs { append(run) }
    }

    private mutating func grow() {
        start = start.movedToLarger(count: count, capacity: capacity * 2)
        capacity *= 2
    }
}
