import GPathDiagnostics

/// A directed edge carrying a channel slice of its source into its destination.
///
/// Edges are stored on their destination (``Node/inputs``) in order, because order matters:
/// concat and weighted layers place their inputs side by side in edge order.
public struct Edge: Hashable, Sendable {
    public var source: NodeID
    /// The channels of `source` that travel (`src_slice`); the whole output by default.
    public var sourceRange: ChannelRange
    /// Where the slice lands in an add's output (`dst_slice` start); nil outside adds, where
    /// placement follows edge order.
    public var destinationOffset: Int?
    /// True when gradient must not flow back along this edge.
    public var stopsGradient: Bool
    public var location: SourceLocation?

    public init(
        source: NodeID, sourceRange: ChannelRange, destinationOffset: Int? = nil,
        stopsGradient: Bool = false, location: SourceLocation? = nil
    ) {
        self.source = source
        self.sourceRange = sourceRange
        self.destinationOffset = destinationOffset
        self.stopsGradient = stopsGradient
        self.location = location
    }

    /// Number of channels carried.
    public var width: Int { sourceRange.width }
}
