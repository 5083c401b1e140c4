import GPathDiagnostics
import GPathIR

/// A run of channels sharing the same fewest and most weighted layers crossed from a loss.
public struct DistanceRun: Hashable, Sendable {
    public var range: ChannelRange
    public var shortest: Int
    public var longest: Int

    public init(range: ChannelRange, shortest: Int, longest: Int) {
        self.range = range
        self.shortest = shortest
        self.longest = longest
    }

    /// Combines overlapping contributions (min of shortest, max of longest per channel) into
    /// sorted disjoint runs, merging neighbours with equal values. O(k log k + covered pieces).
    static func normalize(_ contributions: [DistanceRun]) -> [DistanceRun] {
        var merger = RunMerger()
        var result: [DistanceRun] = []
        merger.merge(contributions, into: &result)
        return result
    }
}

/// ``DistanceRun/normalize(_:)`` with its working arrays kept between calls, so a pass that
/// merges at many nodes allocates nothing per node.
struct RunMerger {
    /// Working space, grown as needed and never shrunk; only the first entries are in use.
    private var cuts: [Int] = []
    private var shortest: [Int] = []
    private var longest: [Int] = []

    /// Appends the merged `contributions` to `result` (a single contribution as it is).
    mutating func merge(_ contributions: [DistanceRun], into result: inout [DistanceRun]) {
        guard contributions.count > 1 else {
            result.append(contentsOf: contributions)
            return
        }
        let needed = contributions.count * 2
        if cuts.count < needed {
            cuts = Array(repeating: 0, count: needed * 2)
            shortest = Array(repeating: 0, count: needed * 2)
            longest = Array(repeating: 0, count: needed * 2)
        }
        var count = 0
        for run in contributions {
            cuts[count] = run.range.lower
            cuts[count + 1] = run.range.upper
            count += 2
        }
        let unique = Self.sortUnique(&cuts, count: count)
        let pieces = unique - 1
        for index in 0..<pieces {
            shortest[index] = .max
            longest[index] = .min
        }
        for run in contributions {
            var index = cuts[0..<unique].lowerBound(of: run.range.lower)
            while index < pieces, cuts[index] < run.range.upper {
                shortest[index] = min(shortest[index], run.shortest)
                longest[index] = max(longest[index], run.longest)
                index += 1
            }
        }
        let first = result.count
        for index in 0..<pieces where shortest[index] != Int.max {
            let range = ChannelRange(cuts[index], cuts[index + 1])
            if result.count > first, let last = result.last, last.range.upper == range.lower,
               last.shortest == shortest[index], last.longest == longest[index] {
                result[result.count - 1].range.upper = range.upper
            } else {
                result.append(DistanceRun(range: range, shortest: shortest[index], longest: longest[index]))
            }
        }
    }

    /// Sorts `values[0..<count]` (insertion sort: a node has a handful of cuts; a sort for
    /// many) and removes repeats; returns how many distinct values lead the array.
    private static func sortUnique(_ values: inout [Int], count: Int) -> Int {
        if count > 32 {
            values[0..<count].sort()
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
