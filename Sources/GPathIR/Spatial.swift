/// Height and width of a feature map, when known (graph JSON carries channels only).
public struct Spatial: Hashable, Sendable, CustomStringConvertible {
    public var height: Int
    public var width: Int

    public init(height: Int, width: Int) {
        self.height = height
        self.width = width
    }

    /// height × width, saturating at `Int.max` (sizes are at most ``Limits/maximumExtent`` each).
    public var area: Int { height.saturatingMultiplied(by: width) }

    /// True when both sides are at most ``Limits/maximumExtent``.
    public var isWithinLimits: Bool { Limits.isWithinExtent(height) && Limits.isWithinExtent(width) }
    public var description: String { "\(height)x\(width)" }
}
