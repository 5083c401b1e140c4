/// One layer's distance runs (sorted, disjoint), as ``LayerGradientPaths/runs`` holds them: a
/// window onto storage that every layer of one ``GradientPathPass`` run shares, so the pass
/// makes one array for all layers instead of one per layer. Indices start at 0, like an
/// array's; compares equal to an array literal of the same runs.
public struct DistanceRuns: RandomAccessCollection, Hashable, Sendable, ExpressibleByArrayLiteral, CustomStringConvertible {
    @usableFromInline let storage: [DistanceRun]
    @usableFromInline let start: Int
    public let count: Int

    /// The runs `storage[start ..< start + count]`.
    init(storage: [DistanceRun], start: Int, count: Int) {
        self.storage = storage
        self.start = start
        self.count = count
    }

    /// Runs of their own (tests, hand-made figures).
    public init(_ runs: [DistanceRun]) {
        self.init(storage: runs, start: 0, count: runs.count)
    }

    public init(arrayLiteral runs: DistanceRun...) {
        self.init(runs)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    @inlinable
    public subscript(position: Int) -> DistanceRun {
        precondition(position >= 0 && position < count, "distance run index out of range")
        return storage[start + position]
    }

    public static func == (lhs: DistanceRuns, rhs: DistanceRuns) -> Bool {
        lhs.elementsEqual(rhs)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for run in self { hasher.combine(run) }
    }

    public var description: String { Array(self).description }
}
