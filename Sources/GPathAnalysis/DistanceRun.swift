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
        guard contributions.count > 1 else { return contributions }
        var bounds = Set<Int>()
        for run in contributions {
            bounds.insert(run.range.lower)
            bounds.insert(run.range.upper)
        }
        let cuts = bounds.sorted()
        var shortest = [Int](repeating: Int.max, count: cuts.count - 1)
        var longest = [Int](repeating: Int.min, count: cuts.count - 1)
        for run in contributions {
            var index = cuts.lowerBound(of: run.range.lower)
            while index < cuts.count - 1, cuts[index] < run.range.upper {
                shortest[index] = min(shortest[index], run.shortest)
                longest[index] = max(longest[index], run.longest)
                index += 1
            }
        }
        var result: [DistanceRun] = []
        for index in 0..<(cuts.count - 1) where shortest[index] != Int.max {
            let range = ChannelRange(cuts[index], cuts[index + 1])
            if let last = result.last, last.range.upper == range.lower,
               last.shortest == shortest[index], last.longest == longest[index] {
                result[result.count - 1].range.upper = range.upper
            } else {
                result.append(DistanceRun(range: range, shortest: shortest[index], longest: longest[index]))
            }
        }
        return result
    }

}
