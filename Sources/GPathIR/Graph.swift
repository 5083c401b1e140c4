/// A verified network: a DAG of nodes in declaration order, with its topological order and
/// the reverse adjacency precomputed.
///
/// Graphs are produced only by ``GraphBuilder/build()``, which verifies them; analyses read
/// them and never mutate them.
public struct Graph: Sendable {
    /// The network's name (file stem or the graph JSON `name`).
    public let name: String
    /// Every node, indexed by ``NodeID/index``, in declaration order.
    public let nodes: [Node]
    /// Nodes such that every edge goes from an earlier to a later node. Ties keep declaration
    /// order, so the order is deterministic.
    public let topologicalOrder: [NodeID]
    /// For each node, the (consumer, input index) pairs reading it, in topological order.
    public let consumers: [[Consumer]]
    private let indexByName: [String: NodeID]
    /// What the source format calls a node or a name-hierarchy block, when an importer knows
    /// it: Darknet section `13` → `route`, YOLO YAML row `2` → `C2f ×3`. Pictures label with
    /// it; no analysis reads it.
    public var sourceKinds: [String: String] = [:]

    /// An edge seen from its source: `node.inputs[inputIndex]` reads the source.
    public struct Consumer: Hashable, Sendable {
        public let node: NodeID
        public let inputIndex: Int
    }

    init(name: String, nodes: [Node], topologicalOrder: [NodeID]) {
        self.name = name
        self.nodes = nodes
        self.topologicalOrder = topologicalOrder
        var consumers = [[Consumer]](repeating: [], count: nodes.count)
        for id in topologicalOrder {
            for (index, edge) in nodes[id.index].inputs.enumerated() {
                consumers[edge.source.index].append(Consumer(node: id, inputIndex: index))
            }
        }
        self.consumers = consumers
        var names: [String: NodeID] = [:]
        names.reserveCapacity(nodes.count)
        for node in nodes { names[node.name] = node.id }
        self.indexByName = names
    }

    public subscript(id: NodeID) -> Node { nodes[id.index] }

    /// The node called `name`, if any.
    public func node(named name: String) -> Node? {
        indexByName[name].map { nodes[$0.index] }
    }

    /// Weighted layers in declaration order.
    public var layers: [Node] { nodes.filter { $0.op.isWeighted } }
    /// Loss nodes in declaration order.
    public var losses: [Node] { nodes.filter { $0.op.family == .objective } }
    /// Input nodes in declaration order.
    public var inputs: [Node] { nodes.filter { $0.op.family == .source } }
}
