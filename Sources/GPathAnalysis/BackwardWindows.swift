import GPathIR

extension Graph {
    /// Calls `body` with each of node `id`'s backward windows (see ``Node/BackwardWindow``), in
    /// edge order, from the flat storage and without building an array; `rule` is the channel
    /// rule of the node's op (a stop-gradient node, which has no windows, is the caller's case).
    func forEachBackwardWindow(of id: NodeID, rule: OpDefinition.ChannelRule, _ body: (Node.BackwardWindow) -> Void) {
        var running = 0
        let positions = inputPositions(of: id)
        for position in positions {
            let (offset, edge) = (position - positions.lowerBound, self.edge(at: position))
            let start: Int
            switch rule {
            case .placed: start = edge.destinationOffset ?? 0
            case .computed: start = 0
            case .declared, .sumOfInputs:
                start = running
                running += edge.width
            }
            guard !edge.stopsGradient else { continue }
            body(Node.BackwardWindow(
                edgeIndex: offset, source: edge.source, window: ChannelRange(start, start + edge.width),
                shift: edge.sourceRange.lower - start))
        }
    }

    /// Total width of node `id`'s inputs placed side by side (``Node/inputWidth``).
    func inputWidth(of id: NodeID) -> Int { inputPositions(of: id).reduce(0) { $0 + edge(at: $1).width } }
}
