import GPathDiagnostics

/// The flat storage behind a ``Graph``: one array per node attribute, indexed by
/// ``NodeID/index``; edges grouped by destination and consumers grouped by source in
/// compressed rows (row i is `starts[i] ..< starts[i + 1]`); ops interned (a network has a few
/// distinct ops, used by many nodes); names in a ``NameTable`` whose position is the node index.
@usableFromInline
final class GraphStorage: Sendable {
    let names: NameTable
    /// Distinct ops; ``opNumbers`` indexes them.
    @usableFromInline let ops: [Op]
    @usableFromInline let opNumbers: [UInt32]
    @usableFromInline let channels: [Int32]
    /// Height and width; a negative height for an unknown size.
    let spatialSizes: [(height: Int32, width: Int32)]
    let locations: [SourceLocation?]
    @usableFromInline let inputStarts: [Int]
    @usableFromInline let edges: [Edge]
    let consumerStarts: [Int]
    let consumerList: [Graph.Consumer]

    init(
        names: NameTable, ops: [Op], opNumbers: [UInt32], channels: [Int32],
        spatialSizes: [(height: Int32, width: Int32)], locations: [SourceLocation?],
        inputStarts: [Int], edges: [Edge], topologicalOrder: [NodeID]
    ) {
        self.names = names
        self.ops = ops
        self.opNumbers = opNumbers
        self.channels = channels
        self.spatialSizes = spatialSizes
        self.locations = locations
        self.inputStarts = inputStarts
        self.edges = edges
        // Consumers in topological order of the consumer: count, then place.
        var starts = [Int](repeating: 0, count: opNumbers.count + 1)
        for edge in edges { starts[edge.source.index + 1] += 1 }
        for index in 0..<opNumbers.count { starts[index + 1] += starts[index] }
        var next = starts
        var list = [Graph.Consumer](repeating: Graph.Consumer(node: NodeID(0), inputIndex: 0), count: edges.count)
        for id in topologicalOrder {
            for position in inputStarts[id.index]..<inputStarts[id.index + 1] {
                let source = edges[position].source.index
                list[next[source]] = Graph.Consumer(node: id, inputIndex: position - inputStarts[id.index])
                next[source] += 1
            }
        }
        self.consumerStarts = starts
        self.consumerList = list
    }

    @inlinable
    func inputs(_ index: Int) -> ArraySlice<Edge> { edges[inputStarts[index]..<inputStarts[index + 1]] }

    func spatial(_ index: Int) -> Spatial? {
        let size = spatialSizes[index]
        return size.height < 0 ? nil : Spatial(height: Int(size.height), width: Int(size.width))
    }

    /// Node `index` put together.
    func node(_ index: Int) -> Node {
        Node(
            id: NodeID(index), name: names.name(at: index), op: ops[Int(opNumbers[index])],
            channels: Int(channels[index]), spatial: spatial(index), inputs: Array(inputs(index)),
            location: locations[index])
    }
}

/// A graph's nodes in declaration order, each put together from the flat storage when read.
public struct NodeList: RandomAccessCollection, Sendable {
    let storage: GraphStorage

    public var startIndex: Int { 0 }
    public var endIndex: Int { storage.opNumbers.count }
    public subscript(position: Int) -> Node { storage.node(position) }
}
