/// Every node's name, read from the graph's name table when asked: a handle (one reference)
/// that a result covering many nodes keeps instead of a `String` per node.
public struct NodeNames: Sendable {
    let storage: GraphStorage

    /// The node's unique name (the same as ``Graph/name(of:)``).
    public subscript(id: NodeID) -> String { storage.names.name(at: id.index) }

    /// Calls `body` with the node's name as UTF-8 bytes, straight from the name table.
    public func withUTF8<Result>(of id: NodeID, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try storage.names.withUTF8(at: id.index, body)
    }
}

extension Graph {
    /// The names of this graph's nodes, as a handle results can keep.
    public var nodeNames: NodeNames { NodeNames(storage: storage) }
}
