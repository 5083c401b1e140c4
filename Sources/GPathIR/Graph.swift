import GPathDiagnostics

/// A verified network: a DAG of nodes in declaration order, with its topological order and
/// the reverse adjacency precomputed.
///
/// Graphs are produced only by ``GraphBuilder/build()``, which verifies them; analyses read
/// them and never mutate them. Storage is flat (``GraphStorage``): per-node arrays, edges and
/// consumers in compressed rows, names in one ``NameTable`` — no heap object per node. Hot
/// passes read it through the per-node accessors (``op(of:)``, ``inputs(of:)``…); ``nodes``
/// and the subscript put a ``Node`` together on demand.
public struct Graph: Sendable {
    /// The network's name (file stem or the graph JSON `name`).
    public let name: String
    /// Nodes such that every edge goes from an earlier to a later node. Ties keep declaration
    /// order, so the order is deterministic.
    public let topologicalOrder: [NodeID]
    /// What the source format calls a node or a name-hierarchy block, when an importer knows
    /// it: Darknet section `13` → `route`, YOLO YAML row `2` → `C2f ×3`. Pictures label with
    /// it; no analysis reads it.
    public var sourceKinds: [String: String] = [:]
    @usableFromInline let storage: GraphStorage

    /// An edge seen from its source: `inputs(of: node)[inputIndex]` reads the source.
    public struct Consumer: Hashable, Sendable {
        public let node: NodeID
        public let inputIndex: Int

        public init(node: NodeID, inputIndex: Int) {
            self.node = node
            self.inputIndex = inputIndex
        }
    }

    init(name: String, storage: GraphStorage, topologicalOrder: [NodeID]) {
        self.name = name
        self.storage = storage
        self.topologicalOrder = topologicalOrder
    }

    /// Every node, indexed by ``NodeID/index``, in declaration order (each put together when
    /// read).
    public var nodes: NodeList { NodeList(storage: storage) }

    /// Number of nodes.
    @inlinable
    public var nodeCount: Int { storage.opNumbers.count }

    public subscript(id: NodeID) -> Node { storage.node(id.index) }

    /// The node's unique name.
    public func name(of id: NodeID) -> String { storage.names.name(at: id.index) }
    /// The node's op.
    @inlinable
    public func op(of id: NodeID) -> Op { storage.ops[Int(storage.opNumbers[id.index])] }
    /// The distinct ops of the graph, each once; ``opNumber(of:)`` says which a node has. A pass
    /// can work out what it needs of an op once per distinct op instead of once per node.
    public var distinctOps: [Op] { storage.ops }
    /// The position in ``distinctOps`` of the node's op.
    @inlinable
    public func opNumber(of id: NodeID) -> Int { Int(storage.opNumbers[id.index]) }
    /// The node's output channels.
    @inlinable
    public func channels(of id: NodeID) -> Int { Int(storage.channels[id.index]) }
    /// The node's output height and width, when known.
    public func spatial(of id: NodeID) -> Spatial? { storage.spatial(id.index) }
    /// Where the node was declared.
    public func location(of id: NodeID) -> SourceLocation? { storage.locations[id.index] }
    /// The node's incoming edges in order.
    @inlinable
    public func inputs(of id: NodeID) -> ArraySlice<Edge> { storage.inputs(id.index) }
    /// The positions of node `id`'s input edges, for ``edge(at:)``: the same edges as
    /// ``inputs(of:)``, read one at a time without a slice (which holds the edge array).
    @inlinable
    public func inputPositions(of id: NodeID) -> Range<Int> { storage.inputStarts[id.index]..<storage.inputStarts[id.index + 1] }
    /// The edge at `position` (one of ``inputPositions(of:)``).
    @inlinable
    public func edge(at position: Int) -> Edge { storage.edges[position] }
    /// The (consumer, input index) pairs reading the node, in topological order.
    public func consumers(of id: NodeID) -> ArraySlice<Consumer> {
        storage.consumerList[storage.consumerStarts[id.index]..<storage.consumerStarts[id.index + 1]]
    }

    /// The id of the node called `name`, if any.
    public func id(named name: String) -> NodeID? { storage.names.position(of: name).map(NodeID.init) }

    /// The node called `name`, if any.
    public func node(named name: String) -> Node? { id(named: name).map { self[$0] } }

    /// Weighted layers in declaration order.
    public var layers: [Node] { ids { $0.isWeighted }.map { self[$0] } }
    /// Loss nodes in declaration order.
    public var losses: [Node] { ids { $0.family == .objective }.map { self[$0] } }
    /// Input nodes in declaration order.
    public var inputs: [Node] { ids { $0.family == .source }.map { self[$0] } }

    /// Ids of the nodes whose op satisfies `test`, in declaration order.
    public func ids(where test: (Op) -> Bool) -> [NodeID] {
        let matching = storage.ops.map(test)
        return storage.opNumbers.indices.filter { matching[Int(storage.opNumbers[$0])] }.map(NodeID.init)
    }
}
