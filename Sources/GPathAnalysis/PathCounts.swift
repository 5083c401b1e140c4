import BigInt

/// Exact number of gradient paths of each length: `counts[k]` paths of length `offset + k`.
///
/// Counts are arbitrary-precision (`BigUInt`): an n-block ResNet has 2^n paths to its input.
public struct PathCounts: Hashable, Sendable {
    private(set) var offset: Int = 0
    private(set) var counts: [BigUInt] = []

    public init() {}

    /// One path of length `length`.
    public init(single length: Int) {
        offset = length
        counts = [1]
    }

    public var isEmpty: Bool { counts.isEmpty }

    /// Total number of paths.
    public var total: BigUInt { counts.reduce(0, +) }

    /// (length, count) pairs with count > 0, by increasing length.
    public var entries: [(length: Int, count: BigUInt)] {
        counts.enumerated().compactMap { $0.element == 0 ? nil : (offset + $0.offset, $0.element) }
    }

    /// The lengths that occur.
    public var lengths: TimestampSet {
        TimestampSet(counts.enumerated().compactMap { $0.element == 0 ? nil : offset + $0.offset })
    }

    /// Adds `other`'s paths, each made `shift` layers longer.
    public mutating func add(_ other: PathCounts, shiftedBy shift: Int = 0) {
        guard !other.isEmpty else { return }
        let otherOffset = other.offset + shift
        if counts.isEmpty {
            offset = otherOffset
            counts = other.counts
            return
        }
        if otherOffset < offset {
            counts.insert(contentsOf: repeatElement(BigUInt(0), count: offset - otherOffset), at: 0)
            offset = otherOffset
        }
        let start = otherOffset - offset
        let needed = start + other.counts.count
        if needed > counts.count {
            counts.append(contentsOf: repeatElement(BigUInt(0), count: needed - counts.count))
        }
        for (index, value) in other.counts.enumerated() { counts[start + index] += value }
    }

    /// The same paths, each `shift` layers longer.
    public func shifted(by shift: Int) -> PathCounts {
        var copy = self
        copy.offset += shift
        return copy
    }
}
