/// A half-open range of channel indices `[lower, upper)`.
public struct ChannelRange: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var lower: Int
    public var upper: Int

    /// Creates `[lower, upper)`; `lower <= upper` is the caller's invariant.
    public init(_ lower: Int, _ upper: Int) {
        precondition(lower <= upper, "ChannelRange lower bound above upper bound")
        self.lower = lower
        self.upper = upper
    }

    /// Number of channels.
    public var width: Int { upper - lower }
    public var isEmpty: Bool { upper <= lower }

    /// The common part, or nil when disjoint.
    public func clamped(to other: ChannelRange) -> ChannelRange? {
        let low = max(lower, other.lower)
        let high = min(upper, other.upper)
        return low < high ? ChannelRange(low, high) : nil
    }

    /// The range moved by `delta` channels.
    public func shifted(by delta: Int) -> ChannelRange { ChannelRange(lower + delta, upper + delta) }

    public func contains(_ channel: Int) -> Bool { channel >= lower && channel < upper }

    public static func < (a: ChannelRange, b: ChannelRange) -> Bool {
        (a.lower, a.upper) < (b.lower, b.upper)
    }

    /// `[a:b]`, the spelling used in unit labels.
    public var description: String { "[\(lower):\(upper)]" }
}
