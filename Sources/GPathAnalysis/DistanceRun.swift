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
        for run in contributions { merger.append(run) }
        var result = RunBuffer(capacity: contributions.count)
        merger.merge(into: &result)
        return Array(result.elements)
    }
}
