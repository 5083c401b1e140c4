/// Identifies a node of one ``Graph``: its position in declaration order.
public struct NodeID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Index into ``Graph/nodes``.
    public let index: Int

    public init(_ index: Int) { self.index = index }

    public static func < (a: NodeID, b: NodeID) -> Bool { a.index < b.index }
    public var description: String { "#\(index)" }
}
