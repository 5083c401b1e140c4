/// What a graph picture shows and how it is arranged (`gpath dot` / `gpath render` flags).
public struct PictureOptions: Sendable, Equatable {
    /// Graphviz `rankdir`: inputs at the top (`TB`) or at the left (`LR`, for slides).
    public enum RankDirection: String, Sendable, CaseIterable {
        case topToBottom = "TB"
        case leftToRight = "LR"
    }

    /// The per-layer figure the node colour encodes.
    public enum ColorMetric: String, Sendable, CaseIterable {
        /// Shortest gradient path (the largest over the layer's channels: the value that makes
        /// a layer critical).
        case shortest
        /// Longest gradient path.
        case longest
        /// Number of distinct gradient timestamps (needs the full analysis).
        case timestamps
        /// Trainable parameters (log scale).
        case params
        /// FLOPs = 2 × MACs (log scale).
        case flops

        /// Legend title.
        var title: String {
            switch self {
            case .shortest: "shortest gradient path"
            case .longest: "longest gradient path"
            case .timestamps: "gradient timestamps"
            case .params: "parameters"
            case .flops: "FLOPs (2 × MACs)"
            }
        }

        /// Spread over orders of magnitude: coloured on a log scale.
        var isLogarithmic: Bool { self == .params || self == .flops }
    }

    public var rankDirection: RankDirection
    public var colorBy: ColorMetric
    /// Blocks at this depth of the name hierarchy (`stage2` is depth 1, `stage2.block1` depth
    /// 2) are drawn as one node each, carrying their aggregated figures; nil draws every node.
    public var collapseDepth: Int?
    /// Draw runs of consecutive identical sibling blocks once, marked `×N`.
    public var foldsRepeats: Bool
    /// Tighter spacing between nodes and ranks (the page fitting's last step).
    public var isCompact = false
    /// Collapsed blocks drawn open instead, by path (their children collapsed in turn, unless
    /// listed too): the page fitting opens the most telling blocks while the page has room.
    public var expandedBlocks: Set<String> = []

    public init(
        rankDirection: RankDirection = .topToBottom, colorBy: ColorMetric = .shortest,
        collapseDepth: Int? = nil, foldsRepeats: Bool = false
    ) {
        self.rankDirection = rankDirection
        self.colorBy = colorBy
        self.collapseDepth = collapseDepth
        self.foldsRepeats = foldsRepeats
    }
}
