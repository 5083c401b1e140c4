extension Graph {
    /// True when both graphs have the same nodes (by name: op, channels, spatial size) and the
    /// same edges (source name, slices, stop-gradient, order), ignoring source locations and
    /// declaration order. This is the equality of the printer round trip `parse(print(g)) == g`.
    public func isEquivalent(to other: Graph) -> Bool {
        guard name == other.name, nodes.count == other.nodes.count else { return false }
        for node in nodes {
            guard let twin = other.node(named: node.name),
                  twin.op == node.op, twin.channels == node.channels, twin.spatial == node.spatial,
                  twin.inputs.count == node.inputs.count
            else { return false }
            for (a, b) in zip(node.inputs, twin.inputs) {
                guard self[a.source].name == other[b.source].name, a.sourceRange == b.sourceRange,
                      (a.destinationOffset ?? 0) == (b.destinationOffset ?? 0),
                      a.stopsGradient == b.stopsGradient
                else { return false }
            }
        }
        return true
    }

    /// The first difference `isEquivalent(to:)` would find, described for a test failure.
    public func firstDifference(from other: Graph) -> String? {
        if name != other.name { return "name `\(name)` vs `\(other.name)`" }
        for node in nodes {
            guard let twin = other.node(named: node.name) else { return "node `\(node.name)` missing" }
            if twin.op != node.op { return "op of `\(node.name)`: \(node.op) vs \(twin.op)" }
            if twin.channels != node.channels || twin.spatial != node.spatial {
                return "shape of `\(node.name)`: \(node.shapeDescription) vs \(twin.shapeDescription)"
            }
            let a = node.inputs.map { "\(self[$0.source].name)\($0.sourceRange)@\($0.destinationOffset ?? 0)\($0.stopsGradient ? "!" : "")" }
            let b = twin.inputs.map { "\(other[$0.source].name)\($0.sourceRange)@\($0.destinationOffset ?? 0)\($0.stopsGradient ? "!" : "")" }
            if a != b { return "inputs of `\(node.name)`: \(a) vs \(b)" }
        }
        if nodes.count != other.nodes.count { return "node count \(nodes.count) vs \(other.nodes.count)" }
        return nil
    }
}
