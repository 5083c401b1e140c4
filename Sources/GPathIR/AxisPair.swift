/// One value per spatial axis — a window's kernel size, stride, padding or dilation. Most
/// networks use square windows, so an integer literal means the same value on both axes
/// (`Convolution(kernel: 3)`); Inception-style factorised convolutions use `1x7` and `7x1`.
public struct AxisPair: Hashable, Sendable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    public var height: Int
    public var width: Int

    public init(height: Int, width: Int) {
        self.height = height
        self.width = width
    }

    /// The same value on both axes.
    public init(_ both: Int) {
        self.init(height: both, width: both)
    }

    public init(integerLiteral value: Int) {
        self.init(value)
    }

    public var isSquare: Bool { height == width }

    /// The smaller of the two values (for range checks: a pair is valid when both are).
    public var minimum: Int { min(height, width) }

    /// `3` when square, `1x7` (height × width) otherwise.
    public var description: String { isSquare ? "\(height)" : "\(height)x\(width)" }

    /// `3x3` or `1x7`: the window as people write it in layer names.
    public var window: String { "\(height)x\(width)" }

    /// Applies `transform` to each axis.
    public func map(_ transform: (Int) -> Int) -> AxisPair {
        AxisPair(height: transform(height), width: transform(width))
    }
}
