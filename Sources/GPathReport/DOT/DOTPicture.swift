/// DOT text of one picture, with what was done to keep it readable.
public struct DOTPicture: Sendable {
    /// The complete `digraph { … }` text.
    public let text: String
    /// Picture nodes plus clusters the layout will place.
    public let size: Int
    /// The options actually used (differs from the requested ones after an automatic collapse).
    public let options: PictureOptions
    /// Depth of the deepest block of the picture's hierarchy (what collapsing can reach).
    public let hierarchyDepth: Int
    /// Node rows of the longest drawn chain: a lower bound on the layout's rank count.
    public let rankCount: Int
    /// Collapsed blocks that could be drawn one level deeper (``PictureOptions/expandedBlocks``),
    /// those holding a critical layer first, then in order of appearance; a block inside an
    /// expanded one becomes expandable in turn.
    public let expandable: [String]
    /// Picture nodes plus clusters with the options as asked, when the node budget changed
    /// them (nil otherwise).
    public let requestedSize: Int?
    /// A stderr note when the picture was folded or collapsed to fit the node budget.
    public let note: String?
}
