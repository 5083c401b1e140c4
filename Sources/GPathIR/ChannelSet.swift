/// A set of channels as sorted, disjoint, non-adjacent half-open runs.
///
/// Invariant: runs are non-empty, sorted, and separated by at least one missing channel, so two
/// equal sets have equal run arrays (which makes the type cheap to hash and compare).
public struct ChannelSet: Hashable, Sendable, CustomStringConvertible {
    /// The runs, canonical as described above.
    public private(set) var runs: [ChannelRange]

    public init() { runs = [] }

    public init(_ range: ChannelRange) { runs = range.isEmpty ? [] : [range] }

    /// Builds the canonical form of any collection of ranges. O(k log k).
    public init(_ ranges: some Sequence<ChannelRange>) {
        var sorted = ranges.filter { !$0.isEmpty }
        if sorted.count <= 1 {
            runs = sorted
            return
        }
        sorted.sort()
        var merged: [ChannelRange] = []
        for range in sorted {
            if let last = merged.last, range.lower <= last.upper {
                merged[merged.count - 1].upper = max(last.upper, range.upper)
            } else {
                merged.append(range)
            }
        }
        runs = merged
    }

    public var isEmpty: Bool { runs.isEmpty }
    /// Number of channels.
    public var count: Int { runs.reduce(0) { $0 + $1.width } }

    public func contains(_ channel: Int) -> Bool {
        var low = 0
        var high = runs.count
        while low < high {
            let mid = (low + high) / 2
            if runs[mid].upper <= channel { low = mid + 1 } else { high = mid }
        }
        return low < runs.count && runs[low].contains(channel)
    }

    public func union(_ other: ChannelSet) -> ChannelSet { ChannelSet(runs + other.runs) }

    /// The part inside `range`.
    public func intersection(_ range: ChannelRange) -> ChannelSet {
        var result = ChannelSet()
        result.runs = runs.compactMap { $0.clamped(to: range) }
        return result
    }

    public func intersection(_ other: ChannelSet) -> ChannelSet {
        var out: [ChannelRange] = []
        var i = 0
        var j = 0
        while i < runs.count, j < other.runs.count {
            if let common = runs[i].clamped(to: other.runs[j]) { out.append(common) }
            if runs[i].upper < other.runs[j].upper { i += 1 } else { j += 1 }
        }
        var result = ChannelSet()
        result.runs = out
        return result
    }

    /// The channels of `range` not in this set.
    public func complement(in range: ChannelRange) -> ChannelSet {
        var gaps: [ChannelRange] = []
        var cursor = range.lower
        for piece in intersection(range).runs {
            if piece.lower > cursor { gaps.append(ChannelRange(cursor, piece.lower)) }
            cursor = piece.upper
        }
        if cursor < range.upper { gaps.append(ChannelRange(cursor, range.upper)) }
        var result = ChannelSet()
        result.runs = gaps
        return result
    }

    /// True when every channel of `other` is in this set.
    public func isSuperset(of other: ChannelSet) -> Bool { intersection(other) == other }

    /// Every channel moved by `delta`.
    public func shifted(by delta: Int) -> ChannelSet {
        var result = ChannelSet()
        result.runs = runs.map { $0.shifted(by: delta) }
        return result
    }

    /// `[0:2,5:6]`, as in unit labels.
    public var description: String {
        "[" + runs.map { "\($0.lower):\($0.upper)" }.joined(separator: ",") + "]"
    }
}
