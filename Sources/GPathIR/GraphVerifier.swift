import GPathDiagnostics

/// The checks of spec §2.3 and shape inference, run once by ``GraphBuilder/build()``.
///
/// Works in four steps — resolve edges, order topologically (reporting cycles), infer shapes
/// node by node, check for a loss — and never stops at the first problem. A node whose inputs
/// failed is skipped silently so one mistake does not cascade into many messages. Everything
/// is kept in flat arrays indexed by declaration (edges in compressed rows by destination), the
/// layout the finished ``Graph`` keeps.
struct GraphVerifier {
    let builder: GraphBuilder
    var diagnostics: [Diagnostic] = []
    /// Nodes that lost an edge to an earlier error; they are not checked again.
    var damaged: [Bool]
    /// Ops whose attributes were found valid, so the next node with the same op skips the check.
    var checkedOps = RecentOps()
    /// Working space for ``infer(_:incoming:shapes:edges:)``'s operands.
    var operandScratch: [Operand] = []

    init(builder: GraphBuilder) {
        self.builder = builder
        self.diagnostics = builder.earlyDiagnostics
        self.damaged = Array(repeating: false, count: builder.stored.count)
    }

    /// A resolved edge: its source's declaration and the connection it came from.
    struct ResolvedEdge {
        var sourceIndex: Int
        var connection: Int
    }

    /// Incoming edges grouped by destination: row i is `resolved[starts[i] ..< starts[i + 1]]`,
    /// in declaration order of the connections.
    struct IncomingRows {
        var starts: [Int]
        var resolved: [ResolvedEdge]

        func row(_ index: Int) -> ArraySlice<ResolvedEdge> { resolved[starts[index]..<starts[index + 1]] }
    }

    /// What shape inference knows of an inferred node.
    struct Operand {
        var index: Int
        var channels: Int
        var spatial: Spatial?
    }

    mutating func run() -> (graph: Graph?, diagnostics: [Diagnostic]) {
        let count = builder.stored.count
        let incoming = resolveEdges()
        let order = topologicalOrder(incoming: incoming)
        var shapes = [Operand?](repeating: nil, count: count)
        var failed = [Bool](repeating: false, count: count)
        var edges = [Edge](repeating: Edge(source: NodeID(0), sourceRange: ChannelRange(0, 0)), count: incoming.resolved.count)
        for index in order.sorted {
            let row = incoming.row(index)
            if row.contains(where: { failed[$0.sourceIndex] || shapes[$0.sourceIndex] == nil }) {
                failed[index] = true
                continue
            }
            if let shape = infer(index, incoming: row, shapes: shapes, edges: &edges) {
                shapes[index] = shape
            } else {
                failed[index] = true
            }
        }
        if !builder.stored.contains(where: { $0.op.family == .objective }) {
            diagnostics.append(Diagnostic(
                .missingLoss, "graph `\(builder.name)` has no loss node",
                helps: ["add a loss that reads the network's output, e.g. `loss = cross_entropy(head)`"]))
        }
        let finished = diagnostics
        guard !finished.containsError else { return (nil, finished) }
        let storage = freeze(shapes: shapes, starts: incoming.starts, edges: edges, order: order.sorted)
        let graph = Graph(name: builder.name, storage: storage, topologicalOrder: order.sorted.map(NodeID.init))
        return (graph, finished)
    }

    /// The verified nodes in the graph's flat layout: ops interned, names in declaration order.
    private func freeze(shapes: [Operand?], starts: [Int], edges: [Edge], order: [Int]) -> GraphStorage {
        let declarations = builder.stored
        var names = builder.names
        if names.count != declarations.count || declarations.indices.contains(where: { Int(declarations[$0].name) != $0 }) {
            names = NameTable()
            for index in declarations.indices { names.insert(builder.nameOfDeclaration(index)) }
        }
        var ops: [Op] = []
        var numberOfOp: [Op: UInt32] = [:]
        var opNumbers = [UInt32](repeating: 0, count: declarations.count)
        var channels = [Int32](repeating: 0, count: declarations.count)
        var sizes = [(height: Int32, width: Int32)](repeating: (-1, -1), count: declarations.count)
        var locations = [SourceLocation?](repeating: nil, count: declarations.count)
        var recent = RecentOps()
        for (index, declaration) in declarations.enumerated() {
            let op = declaration.op
            let number: UInt32
            if let known = recent.number(of: op) {
                number = known
            } else if let known = numberOfOp[op] {
                number = known
                recent.remember(op, number: known)
            } else {
                number = UInt32(ops.count)
                ops.append(op)
                numberOfOp[op] = number
                recent.remember(op, number: number)
            }
            opNumbers[index] = number
            if let shape = shapes[index] {
                channels[index] = Int32(clamping: shape.channels)
                if let spatial = shape.spatial { sizes[index] = (Int32(clamping: spatial.height), Int32(clamping: spatial.width)) }
            }
            locations[index] = declaration.location
        }
        return GraphStorage(
            names: names, ops: ops, opNumbers: opNumbers, channels: channels, spatialSizes: sizes,
            locations: locations, inputStarts: starts, edges: edges, topologicalOrder: order.map(NodeID.init))
    }

    // MARK: - Edges

    private mutating func resolveEdges() -> IncomingRows {
        let declarations = builder.stored
        let names = builder.names
        var kept: [(destination: Int, edge: ResolvedEdge)] = []
        kept.reserveCapacity(builder.storedConnections.count)
        for (number, connection) in builder.storedConnections.enumerated() {
            let source = Int(builder.declarationOfName[Int(connection.source)])
            let destination = Int(builder.declarationOfName[Int(connection.destination)])
            let sourceName = { names.name(at: Int(connection.source)) }
            let destinationName = { names.name(at: Int(connection.destination)) }
            guard source >= 0, destination >= 0 else {
                for (name, index, role) in [(connection.source, source, "source"), (connection.destination, destination, "destination")] where index < 0 {
                    let name = names.name(at: Int(name))
                    diagnostics.append(Diagnostic(
                        .unknownNode, "edge \(role) `\(name)` is not a node",
                        at: connection.location, label: "unknown node",
                        notes: ["in edge `\(sourceName())` -> `\(destinationName())`"],
                        helps: Suggestion.help(for: name, among: declarations.indices.map { builder.nameOfDeclaration($0) })))
                }
                if destination >= 0 { damaged[destination] = true }
                continue
            }
            if declarations[destination].op.definition.arity == .none {
                diagnostics.append(Diagnostic(
                    .badEndpoint, "edge `\(sourceName())` -> `\(destinationName())` enters input `\(destinationName())`",
                    at: connection.location, label: "inputs take no edges"))
                damaged[destination] = true
                continue
            }
            if declarations[source].op.family == .objective {
                diagnostics.append(Diagnostic(
                    .badEndpoint, "edge `\(sourceName())` -> `\(destinationName())` leaves loss `\(sourceName())`",
                    at: connection.location, label: "a loss has no consumers"))
                damaged[destination] = true
                continue
            }
            kept.append((destination, ResolvedEdge(sourceIndex: source, connection: number)))
        }
        var starts = [Int](repeating: 0, count: declarations.count + 1)
        for item in kept { starts[item.destination + 1] += 1 }
        for index in declarations.indices { starts[index + 1] += starts[index] }
        var next = starts
        var resolved = [ResolvedEdge](repeating: ResolvedEdge(sourceIndex: 0, connection: 0), count: kept.count)
        for item in kept {
            resolved[next[item.destination]] = item.edge
            next[item.destination] += 1
        }
        return IncomingRows(starts: starts, resolved: resolved)
    }
}

/// The last few distinct ops seen, each with a number, for work worth doing once per op rather
/// than once per node (a network repeats a handful of ops many times). Compared by value; a miss
/// only means the work is done again.
struct RecentOps {
    private var ops: [(op: Op, number: UInt32)] = []
    private var next = 0

    func contains(_ op: Op) -> Bool { number(of: op) != nil }

    func number(of op: Op) -> UInt32? { ops.first { $0.op == op }?.number }

    mutating func remember(_ op: Op, number: UInt32 = 0) {
        if ops.count < 8 {
            ops.append((op, number))
        } else {
            ops[next] = (op, number)
            next = (next + 1) % 8
        }
    }
}
