import GPathIR

/// Merges distance contributions to one tensor into sorted, disjoint runs (min of shortest,
/// max of longest per channel; neighbours with equal values joined), in working space kept
/// between merges, so a pass that merges at many nodes allocates nothing per node.
///
/// Contributions are ``append(_:)``ed, then ``merge(into:)`` consumes them. The space is
/// raw memory owned by the merger (it cannot be copied), which keeps a merge free of array
/// bounds and uniqueness checks: a node typically merges two to four contributions.
struct RunMerger: ~Copyable {
    private var capacity: Int
    private var contributions: UnsafeMutablePointer<DistanceRun>
    /// 2 × capacity each: cut positions, and per piece between cuts its extremes.
    private var cuts: UnsafeMutablePointer<Int>
    private var shortest: UnsafeMutablePointer<Int>
    private var longest: UnsafeMutablePointer<Int>
    /// Contributions appended since the last merge.
    private(set) var count = 0

    init() {
        capacity = 16
        contributions = .allocate(capacity: capacity)
        cuts = .allocate(capacity: 2 * capacity)
        shortest = .allocate(capacity: 2 * capacity)
        longest = .allocate(capacity: 2 * capacity)
    }

    deinit {
        contributions.deallocate()
        cuts.deallocate()
        shortest.deallocate()
        longest.deallocate()
    }

    /// Adds one contribution to the next merge.
    mutating func append(_ run: DistanceRun) {
        if count == capacity { grow() }
        (contributions + count).initialize(to: run)
        count += 1
    }

    /// Appends the merged contributions to `result` (a single one as it is) and starts over.
    mutating func merge(into result: inout RunBuffer) {
        defer { count = 0 }
        guard count > 1 else {
            if count == 1 { result.append(contributions[0]) }
            return
        }
        for index in 0..<count {
            cuts[2 * index] = contributions[index].range.lower
            cuts[2 * index + 1] = contributions[index].range.upper
        }
        let unique = Self.sortUnique(cuts, count: 2 * count)
        let pieces = unique - 1
        for piece in 0..<max(0, pieces) {
            shortest[piece] = .max
            longest[piece] = .min
        }
        for index in 0..<count {
            let run = contributions[index]
            var piece = Self.position(of: run.range.lower, in: cuts, count: unique)
            while piece < pieces, cuts[piece] < run.range.upper {
                shortest[piece] = min(shortest[piece], run.shortest)
                longest[piece] = max(longest[piece], run.longest)
                piece += 1
            }
        }
        let first = result.count
        for piece in 0..<max(0, pieces) where shortest[piece] != .max {
            let lower = cuts[piece], upper = cuts[piece + 1]
            if result.count > first, result[result.count - 1].range.upper == lower,
               result[result.count - 1].shortest == shortest[piece], result[result.count - 1].longest == longest[piece] {
                result[result.count - 1].range.upper = upper
            } else {
                result.append(DistanceRun(range: ChannelRange(lower, upper), shortest: shortest[piece], longest: longest[piece]))
            }
        }
    }

    private mutating func grow() {
        let larger = capacity * 2
        contributions = contributions.movedToLarger(count: count, capacity: larger)
        for pointer in [cuts, shortest, longest] { pointer.deallocate() }
        cuts = .allocate(capacity: 2 * larger)
        shortest = .allocate(capacity: 2 * larger)
        longest = .allocate(capacity: 2 * larger)
        capacity = larger
    }

    /// Index of `value` among the first `count` sorted `values` (it is one of them).
    private static func position(of value: Int, in values: UnsafeMutablePointer<Int>, count: Int) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if values[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Sorts `values[0..<count]` (insertion sort for the handful of cuts a node has, the
    /// library sort beyond) and removes repeats; returns how many distinct values lead.
    private static func sortUnique(_ values: UnsafeMutablePointer<Int>, count: Int) -> Int {
        if count > 32 {
            var buffer = UnsafeMutableBufferPointer(start: values, count: count)
            buffer.sort()
        } else {
            for index in 1..<max(1, count) {
                let value = values[index]
                var position = index
                while position > 0, values[position - 1] > value {
                    values[position] = values[position - 1]
                    position -= 1
                }
                values[position] = value
            }
        }
        var unique = 0
        for index in 0..<count where unique == 0 || values[unique - 1] != values[index] {
            values[unique] = values[index]
            unique += 1
        }
        return unique
    }
}
