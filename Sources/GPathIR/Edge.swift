import GPathDiagnostics

/// A directed edge carrying a channel slice of its source into its destination.
///
/// Edges are stored on their destination (``Graph/inputs(of:)``) in order, because order
/// matters: concat and weighted layers place their inputs side by side in edge order. Stored
/// as 32-bit integers (every size is within ``Limits/maximumExtent``), 40 bytes an edge.
public struct Edge: Hashable, Sendable {
    private var storedSource: UInt32
    private var storedLower: Int32
    private var storedUpper: Int32
    /// `Int32.min` for none.
    private var storedDestination: Int32
    /// True when gradient must not flow back along this edge.
    public var stopsGradient: Bool
    public var location: SourceLocation?

    public init(
        source: NodeID, sourceRange: ChannelRange, destinationOffset: Int? = nil,
        stopsGradient: Bool = false, location: SourceLocation? = nil
    ) {
        self.storedSource = UInt32(clamping: source.index)
        self.storedLower = Int32(clamping: sourceRange.lower)
        self.storedUpper = Int32(clamping: sourceRange.upper)
        self.storedDestination = destinationOffset.map { Int32(clamping: $0) } ?? .min
        self.stopsGradient = stopsGradient
        self.location = location
    }

    public var source: NodeID {
        get { NodeID(Int(storedSource)) }
        set { storedSource = UInt32(clamping: newValue.index) }
    }

    /// The channels of `source` that travel (`src_slice`); the whole output by default.
    public var sourceRange: ChannelRange {
        get { ChannelRange(Int(storedLower), Int(storedUpper)) }
        set {
            storedLower = Int32(clamping: newValue.lower)
            storedUpper = Int32(clamping: newValue.upper)
        }
    }

    /// Where the slice lands in an add's output (`dst_slice` start); nil outside adds, where
    /// placement follows edge order.
    public var destinationOffset: Int? {
        get { storedDestination == .min ? nil : Int(storedDestination) }
        set { storedDestination = newValue.map { Int32(clamping: $0) } ?? .min }
    }

    /// Number of channels carried.
    public var width: Int { Int(storedUpper) - Int(storedLower) }
}
