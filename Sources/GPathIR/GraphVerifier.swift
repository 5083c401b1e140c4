import GPathDiagnostics

/// The checks of spec §2.3 and shape inference, run once by ``GraphBuilder/build()``.
///
/// Works in four steps — resolve edges, order topologically (reporting cycles), infer shapes
/// node by node, check for a loss — and never stops at the first problem. A node whose inputs
/// failed is skipped silently so one mistake does not cascade into many messages.
struct GraphVerifier {
    let builder: GraphBuilder
    var diagnostics: [Diagnostic] = []
    /// Nodes that lost an edge to an earlier error; they are not checked again.
    var damaged = Set<Int>()

    init(builder: GraphBuilder) {
        self.builder = builder
        self.diagnostics = builder.earlyDiagnostics
    }

    mutating func run() -> (graph: Graph?, diagnostics: [Diagnostic]) {
        let declarations = builder.declarations
        let incoming = resolveEdges()
        let order = topologicalOrder(incoming: incoming)
        var nodes: [Node?] = Array(repeating: nil, count: declarations.count)
        var failed = [Bool](repeating: false, count: declarations.count)
        for index in order.sorted where !order.cyclic.contains(index) {
            let sourcesFailed = incoming[index].contains { failed[$0.sourceIndex] || nodes[$0.sourceIndex] == nil }
            if sourcesFailed {
                failed[index] = true
                continue
            }
            if let node = infer(index, incoming: incoming[index], nodes: nodes) {
                nodes[index] = node
            } else {
                failed[index] = true
            }
        }
        if !declarations.contains(where: { $0.op.family == .objective }) {
            diagnostics.append(Diagnostic(
                .missingLoss, "graph `\(builder.name)` has no loss node",
                helps: ["add a loss that reads the network's output, e.g. `loss = cross_entropy(head)`"]))
        }
        let finished = diagnostics
        guard !finished.containsError else { return (nil, finished) }
        let frozen = nodes.compactMap { $0 }
        let graph = Graph(name: builder.name, nodes: frozen, topologicalOrder: order.sorted.map(NodeID.init))
        return (graph, finished)
    }

    // MARK: - Edges

    struct ResolvedEdge {
        var sourceIndex: Int
        var connection: GraphBuilder.Connection
    }

    private mutating func resolveEdges() -> [[ResolvedEdge]] {
        var incoming = [[ResolvedEdge]](repeating: [], count: builder.declarations.count)
        let names = builder.indexByName
        for connection in builder.connections {
            let source = names[connection.source]
            let destination = names[connection.destination]
            for (name, index, role) in [(connection.source, source, "source"), (connection.destination, destination, "destination")] where index == nil {
                diagnostics.append(Diagnostic(
                    .unknownNode, "edge \(role) `\(name)` is not a node",
                    at: connection.location, label: "unknown node",
                    notes: ["in edge `\(connection.source)` -> `\(connection.destination)`"],
                    helps: Suggestion.help(for: name, among: names.keys)))
            }
            guard let source, let destination else {
                if let destination { damaged.insert(destination) }
                continue
            }
            if builder.declarations[destination].op.definition.arity == .none {
                diagnostics.append(Diagnostic(
                    .badEndpoint, "edge `\(connection.source)` -> `\(connection.destination)` enters input `\(connection.destination)`",
                    at: connection.location, label: "inputs take no edges"))
                damaged.insert(destination)
                continue
            }
            if builder.declarations[source].op.family == .objective {
                diagnostics.append(Diagnostic(
                    .badEndpoint, "edge `\(connection.source)` -> `\(connection.destination)` leaves loss `\(connection.source)`",
                    at: connection.location, label: "a loss has no consumers"))
                damaged.insert(destination)
                continue
            }
            incoming[destination].append(ResolvedEdge(sourceIndex: source, connection: connection))
        }
        return incoming
    }

    // MARK: - Order and cycles

    struct Order {
        var sorted: [Int]
        var cyclic: Set<Int>
    }

    /// Kahn's algorithm with a FIFO queue seeded in declaration order: O(V + E), iterative.
    private mutating func topologicalOrder(incoming: [[ResolvedEdge]]) -> Order {
        let count = builder.declarations.count
        var indegree = [Int](repeating: 0, count: count)
        var outgoing = [[Int]](repeating: [], count: count)
        for (destination, edges) in incoming.enumerated() {
            indegree[destination] = edges.count
            for edge in edges { outgoing[edge.sourceIndex].append(destination) }
        }
        var queue = (0..<count).filter { indegree[$0] == 0 }
        var head = 0
        while head < queue.count {
            let index = queue[head]
            head += 1
            for next in outgoing[index] {
                indegree[next] -= 1
                if indegree[next] == 0 { queue.append(next) }
            }
        }
        guard queue.count < count else { return Order(sorted: queue, cyclic: []) }
        let remaining = Set((0..<count).filter { indegree[$0] > 0 })
        reportCycles(remaining: remaining, incoming: incoming)
        return Order(sorted: queue, cyclic: remaining)
    }

    /// Walks backwards through unsorted nodes until a node repeats; each walk that closes on
    /// itself is one cycle, reported with its nodes in edge direction.
    private mutating func reportCycles(remaining: Set<Int>, incoming: [[ResolvedEdge]]) {
        var walkOf = [Int: Int]()
        for start in remaining.sorted() where walkOf[start] == nil {
            var path: [Int] = []
            var positionInPath: [Int: Int] = [:]
            var current = start
            while walkOf[current] == nil {
                walkOf[current] = start
                positionInPath[current] = path.count
                path.append(current)
                guard let previous = incoming[current].first(where: { remaining.contains($0.sourceIndex) }) else { break }
                current = previous.sourceIndex
            }
            guard walkOf[current] == start, let begin = positionInPath[current] else { continue }
            let cycle = Array(path[begin...].reversed())
            let names = cycle.map { "`\(builder.declarations[$0].name)`" }
            let first = builder.declarations[cycle[0]]
            diagnostics.append(Diagnostic(
                .cycle, "cycle through \(names.joined(separator: " -> ")) -> `\(first.name)`",
                at: first.location, label: "this node depends on itself",
                notes: ["a network must be acyclic; the nodes on the cycle are \(names.joined(separator: ", "))"]))
        }
    }
}
