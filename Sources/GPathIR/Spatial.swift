/// Height and width of a feature map, when known (graph JSON carries channels only).
public struct Spatial: Hashable, Sendable, CustomStringConvertible {
    public var height: Int
    public var width: Int

    public init(height: Int, width: Int) {
        self.height = height
        self.width = width
    }

    public var area: Int { height * width }
    public var description: String { "\(height)x\(width)" }
}
