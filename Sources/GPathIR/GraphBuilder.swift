import GPathDiagnostics

/// Collects nodes and edges by name (forward references allowed), then verifies and freezes
/// them into a ``Graph``.
///
/// Every format lowers through a builder, so every graph gets the same checks (spec §2.3):
/// each problem becomes a diagnostic naming the nodes involved; `build()` reports them all.
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

    /// The graph's name; a reader may set it any time before ``build()`` (graph JSON can name
    /// the graph after its nodes).
    public var name: String
    public private(set) var declarations: [Declaration] = []
    public private(set) var connections: [Connection] = []
    var indexByName: [String: Int] = [:]
    var earlyDiagnostics: [Diagnostic] = []

    public init(name: String) { self.name = name }

    /// Declares a node. A second node with the same name is reported (E312) and dropped.
    @discardableResult
    public mutating func addNode(
        _ name: String, op: Op, channels: Int? = nil, spatial: Spatial? = nil,
        location: SourceLocation? = nil
    ) -> Bool {
        if let existing = indexByName[name] {
            var notes: [String] = []
            if let first = declarations[existing].location {
                notes.append("first defined at \(first.description)")
            }
            earlyDiagnostics.append(Diagnostic(
                .duplicateNode, "duplicate node id `\(name)`", at: location,
                label: "defined again here", notes: notes))
            return false
        }
        indexByName[name] = declarations.count
        declarations.append(Declaration(
            name: name, op: op, channels: channels, spatial: spatial, location: location))
        return true
    }

    /// Declares an edge `source → destination`; both may be declared later.
    public mutating func connect(
        _ source: String, to destination: String, sourceRange: ChannelRange? = nil,
        destinationRange: ChannelRange? = nil, stopsGradient: Bool = false,
        location: SourceLocation? = nil
    ) {
        connections.append(Connection(
            source: source, destination: destination, sourceRange: sourceRange,
            destinationRange: destinationRange, stopsGradient: stopsGradient, location: location))
    }

    /// True when a node called `name` has been declared.
    public func hasNode(_ name: String) -> Bool { indexByName[name] != nil }

    /// Channels declared for `name`, if the node exists and declared them.
    public func declaredChannels(of name: String) -> Int? {
        indexByName[name].flatMap { declarations[$0].channels }
    }

    /// Verifies the graph and returns it, or every problem found. Warnings may accompany a
    /// graph. O(V + E) apart from the final name-sorted diagnostics.
    public func build() -> (graph: Graph?, diagnostics: [Diagnostic]) {
        var verifier = GraphVerifier(builder: self)
        return verifier.run()
    }
}
