import GPathIR

/// Seeded random DAGs exercising every routing rule: layers (some grouped), full, masked and
/// asymmetric adds, concats, slices, stop-gradient nodes and edges, and one or two losses; with
/// `mixing`, also mixing nodes (softmax over channels, layer and group norm, matrix products
/// whose second operand is routed channel to channel).
///
/// Returns a builder so tests can rebuild the same graph with declarations shuffled or edges
/// changed.
public enum RandomGraphs {
    public static func builder(seed: UInt64, nodes count: Int = 12, mixing: Bool = false) -> GraphBuilder {
        var random = SeededGenerator(seed: seed)
        var b = GraphBuilder(name: "random\(seed)")
        var widths: [(name: String, channels: Int)] = []
        b.addNode("x", op: .input, channels: Int.random(in: 1...4, using: &random))
        widths.append(("x", b.declaredChannels(of: "x") ?? 1))
        func pick() -> (name: String, channels: Int) {
            // Prefer recent nodes so graphs get deep, not just wide.
            let low = max(0, widths.count - 4)
            return Bool.random(using: &random) ? widths[Int.random(in: low..<widths.count, using: &random)] : widths.randomElement(using: &random)!
        }
        func slice(of width: Int) -> ChannelRange {
            let low = Int.random(in: 0..<width, using: &random)
            return ChannelRange(low, Int.random(in: (low + 1)...width, using: &random))
        }
        for index in 0..<count {
            let name = "n\(index)"
            switch Int.random(in: 0..<(mixing ? 13 : 10), using: &random) {
            case 10:
                let source = pick()
                var carried = Bool.random(using: &random) ? ChannelRange(0, source.channels) : slice(of: source.channels)
                let op: Op
                switch Int.random(in: 0..<3, using: &random) {
                case 0: op = .softmax(.channels)
                case 1: op = .layerNorm
                default:
                    op = source.channels % 2 == 0 ? .groupNorm(groups: 2) : .softmax(.positions)
                    if source.channels % 2 == 0 { carried = ChannelRange(0, source.channels) }
                }
                b.addNode(name, op: op)
                b.connect(source.name, to: name, sourceRange: carried)
                widths.append((name, carried.width))
            case 11, 12:
                let a = pick()
                let v = pick()
                let carried = slice(of: v.channels)
                b.addNode(name, op: .matmul(MatrixProduct()))
                b.connect(a.name, to: name)
                b.connect(v.name, to: name, sourceRange: carried, stopsGradient: Int.random(in: 0..<8, using: &random) == 0)
                widths.append((name, carried.width))
            case 0...3:
                let source = pick()
                let groups = source.channels % 2 == 0 && Int.random(in: 0..<3, using: &random) == 0 ? 2 : 1
                let channels = groups * Int.random(in: 1...2, using: &random)
                b.addNode(name, op: .layer(groups: groups), channels: channels)
                b.connect(source.name, to: name)
                widths.append((name, channels))
            case 4, 5:
                let base = pick()
                b.addNode(name, op: .add)
                b.connect(base.name, to: name)
                let other = pick()
                let carried = slice(of: other.channels)
                if carried.width <= base.channels {
                    let offset = Int.random(in: 0...(base.channels - carried.width), using: &random)
                    b.connect(other.name, to: name, sourceRange: carried,
                              destinationRange: ChannelRange(offset, offset + carried.width),
                              stopsGradient: Int.random(in: 0..<8, using: &random) == 0)
                }
                widths.append((name, base.channels))
            case 6, 7:
                b.addNode(name, op: .concat)
                var total = 0
                for _ in 0..<Int.random(in: 1...3, using: &random) {
                    let source = pick()
                    let carried = Bool.random(using: &random) ? ChannelRange(0, source.channels) : slice(of: source.channels)
                    b.connect(source.name, to: name, sourceRange: carried)
                    total += carried.width
                }
                widths.append((name, total))
            case 8:
                let source = pick()
                let carried = slice(of: source.channels)
                b.addNode(name, op: .passThrough(.slice))
                b.connect(source.name, to: name, sourceRange: carried)
                widths.append((name, carried.width))
            default:
                let source = pick()
                b.addNode(name, op: .stopGradient)
                b.connect(source.name, to: name)
                widths.append((name, source.channels))
            }
        }
        b.addNode("loss", op: .loss(.generic))
        b.connect(widths[widths.count - 1].name, to: "loss")
        if Bool.random(using: &random), widths.count > 2 {
            b.connect(widths[widths.count / 2].name, to: "loss")
        }
        if Int.random(in: 0..<3, using: &random) == 0 {
            b.addNode("aux", op: .loss(.generic))
            b.connect(pick().name, to: "aux")
        }
        return b
    }

    /// The same graph declared in a different order: nodes shuffled, edges shuffled while each
    /// destination keeps its own input order.
    public static func shuffled(_ builder: GraphBuilder, seed: UInt64) -> GraphBuilder {
        var random = SeededGenerator(seed: seed)
        var b = GraphBuilder(name: builder.name)
        for declaration in builder.declarations.shuffled(using: &random) {
            b.addNode(declaration.name, op: declaration.op, channels: declaration.channels, spatial: declaration.spatial)
        }
        var byDestination: [String: [GraphBuilder.Connection]] = [:]
        for connection in builder.connections { byDestination[connection.destination, default: []].append(connection) }
        for destination in byDestination.keys.sorted().shuffled(using: &random) {
            for c in byDestination[destination] ?? [] {
                b.connect(c.source, to: c.destination, sourceRange: c.sourceRange, destinationRange: c.destinationRange, stopsGradient: c.stopsGradient)
            }
        }
        return b
    }

    /// A copy with every connection transformed by `change` (index, connection).
    public static func rewired(_ builder: GraphBuilder, _ change: (Int, inout GraphBuilder.Connection) -> Void) -> GraphBuilder {
        var b = GraphBuilder(name: builder.name)
        for declaration in builder.declarations {
            b.addNode(declaration.name, op: declaration.op, channels: declaration.channels, spatial: declaration.spatial)
        }
        for (index, original) in builder.connections.enumerated() {
            var c = original
            change(index, &c)
            b.connect(c.source, to: c.destination, sourceRange: c.sourceRange, destinationRange: c.destinationRange, stopsGradient: c.stopsGradient)
        }
        return b
    }
}
