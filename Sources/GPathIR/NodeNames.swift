/// Every node's name, read from the graph's name table when asked: a handle (one reference)
/// that a result covering many nodes keeps instead of a `String` per node.
public struct NodeNames: Sendable {
    let storage: GraphStorage

    /// The node's unique name (the same as ``Graph/name(of:)``).
    public subscript(id: NodeID) -> String { storage.names.name(at: id.index) }
}

extension Graph {
    /// The names of this graph's nodes, as a handle results can keep.
    public var nodeNames: NodeNames { NodeNames(storage: storage) }
}
