import GPathDiagnostics

/// Collects nodes and edges by name (forward references allowed), then verifies and freezes
/// them into a ``Graph``.
///
/// Every format lowers through a builder, so every graph gets the same checks (spec §2.3):
/// each problem becomes a diagnostic naming the nodes involved; `build()` reports them all.
/// Names are interned as they arrive (``NameTable``): declarations and edges hold name
/// positions, so resolving a million edges hashes nothing.
public struct GraphBuilder: Sendable {
    /// A node as declared: channels may be missing for ops that derive them.
    public struct Declaration: Sendable {
        public var name: String
        public var op: Op
        public var channels: Int?
        public var spatial: Spatial?
        public var location: SourceLocation?
    }

    /// An edge as declared, by node names.
    public struct Connection: Sendable {
        public var source: String
        public var destination: String
        public var sourceRange: ChannelRange?
        public var destinationRange: ChannelRange?
        public var stopsGradient: Bool
        public var location: SourceLocation?
    }

    /// A declaration as kept: its name by position in ``names``.
    struct StoredDeclaration: Sendable {
        var name: Int32
        var op: Op
        var channels: Int?
        var spatial: Spatial?
        var location: SourceLocation?
    }

    /// A connection as kept: both ends by name position.
    struct StoredConnection: Sendable {
        var source: Int32
        var destination: Int32
        var sourceRange: ChannelRange?
        var destinationRange: ChannelRange?
        var stopsGradient: Bool
        var location: SourceLocation?
    }

    /// The graph's name; a reader may set it any time before ``build()`` (graph JSON can name
    /// the graph after its nodes).
    public var name: String
    /// Every name seen, declared or only referenced by an edge.
    var names = NameTable()
    /// Per name position: the declaration index, or -1 for a name no node has (yet).
    var declarationOfName: [Int32] = []
    var stored: [StoredDeclaration] = []
    var storedConnections: [StoredConnection] = []
    var earlyDiagnostics: [Diagnostic] = []

    public init(name: String) { self.name = name }

    /// Nodes declared so far (duplicates dropped).
    public var declarationCount: Int { stored.count }

    /// Makes room for about `nodes` declarations and `connections` edges, so a reader that can
    /// tell the size from its file (a byte count) does not grow the tables by doubling, each
    /// time copying them into fresh memory. Only memory written is touched: an estimate too
    /// high costs address space, not resident memory.
    public mutating func reserveCapacity(nodes: Int, connections: Int) {
        stored.reserveCapacity(nodes)
        declarationOfName.reserveCapacity(nodes)
        storedConnections.reserveCapacity(connections)
    }

    /// The declarations, by name (put together when read; for tests and tools).
    public var declarations: [Declaration] {
        stored.map {
            Declaration(name: names.name(at: Int($0.name)), op: $0.op, channels: $0.channels, spatial: $0.spatial, location: $0.location)
        }
    }

    /// The connections, by name (put together when read; for tests and tools).
    public var connections: [Connection] {
        storedConnections.map {
            Connection(
                source: names.name(at: Int($0.source)), destination: names.name(at: Int($0.destination)),
                sourceRange: $0.sourceRange, destinationRange: $0.destinationRange,
                stopsGradient: $0.stopsGradient, location: $0.location)
        }
    }

    /// Declares a node. A second node with the same name is reported (E312) and dropped.
    @discardableResult
    public mutating func addNode(
        _ name: String, op: Op, channels: Int? = nil, spatial: Spatial? = nil,
        location: SourceLocation? = nil
    ) -> Bool {
        let position = intern(name)
        if case let existing = declarationOfName[position], existing >= 0 {
            var notes: [String] = []
            if let first = stored[Int(existing)].location {
                notes.append("first defined at \(first.description)")
            }
            earlyDiagnostics.append(Diagnostic(
                .duplicateNode, "duplicate node id `\(name)`", at: location,
                label: "defined again here", notes: notes))
            return false
        }
        declarationOfName[position] = Int32(truncatingIfNeeded: stored.count)
        stored.append(StoredDeclaration(
            name: Int32(truncatingIfNeeded: position), op: op, channels: channels, spatial: spatial, location: location))
        return true
    }

    /// Declares an edge `source → destination`; both may be declared later.
    public mutating func connect(
        _ source: String, to destination: String, sourceRange: ChannelRange? = nil,
        destinationRange: ChannelRange? = nil, stopsGradient: Bool = false,
        location: SourceLocation? = nil
    ) {
        let sourcePosition = intern(source)
        let destinationPosition = intern(destination)
        storedConnections.append(StoredConnection(
            source: Int32(truncatingIfNeeded: sourcePosition), destination: Int32(truncatingIfNeeded: destinationPosition),
            sourceRange: sourceRange, destinationRange: destinationRange, stopsGradient: stopsGradient, location: location))
    }

    /// True when a node called `name` has been declared.
    public func hasNode(_ name: String) -> Bool { declaration(named: name) != nil }

    /// Channels declared for `name`, if the node exists and declared them.
    public func declaredChannels(of name: String) -> Int? {
        declaration(named: name).flatMap { stored[$0].channels }
    }

    /// Verifies the graph and returns it, or every problem found. Warnings may accompany a
    /// graph. O(V + E) apart from the final name-sorted diagnostics.
    public func build() -> (graph: Graph?, diagnostics: [Diagnostic]) {
        var verifier = GraphVerifier(builder: self)
        return verifier.run()
    }

    /// The declaration index of the node called `name`, if declared.
    func declaration(named name: String) -> Int? {
        guard let position = names.position(of: name), declarationOfName[position] >= 0 else { return nil }
        return Int(declarationOfName[position])
    }

    /// The declared node's name.
    func nameOfDeclaration(_ index: Int) -> String { names.name(at: Int(stored[index].name)) }

    private mutating func intern(_ name: String) -> Int {
        let (position, inserted) = names.insert(name)
        if inserted { declarationOfName.append(-1) }
        return position
    }
}
