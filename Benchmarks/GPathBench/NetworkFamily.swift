import GPathIR

/// Generated benchmark networks of a requested size.
enum NetworkFamily: String, CaseIterable {
    case resnet
    case densenet
    case random

    func graph(nodes: Int) -> GraphBuilder {
        switch self {
        case .resnet: Self.resnet(nodes)
        case .densenet: Self.densenet(nodes)
        case .random: Self.random(nodes)
        }
    }

    /// Stem then basic blocks: conv, conv, residual add (3 nodes per block).
    private static func resnet(_ count: Int) -> GraphBuilder {
        var b = GraphBuilder(name: "resnet")
        b.addNode("x", op: .input, channels: 16)
        b.addNode("stem", op: .layer(groups: 1), channels: 16)
        b.connect("x", to: "stem")
        var previous = "stem"
        for block in 0..<max(1, (count - 3) / 3) {
            let a = "b\(block).conv1", c = "b\(block).conv2", s = "b\(block).add"
            b.addNode(a, op: .layer(groups: 1), channels: 16)
            b.addNode(c, op: .layer(groups: 1), channels: 16)
            b.addNode(s, op: .add)
            b.connect(previous, to: a)
            b.connect(a, to: c)
            b.connect(c, to: s)
            b.connect(previous, to: s)
            previous = s
        }
        b.addNode("loss", op: .loss(.generic))
        b.connect(previous, to: "loss")
        return b
    }

    /// Dense blocks of 12 layers (each reads the concat of the block input and every earlier
    /// layer), joined by 1×1 transitions: quadratic edges within a block, linear overall.
    private static func densenet(_ count: Int) -> GraphBuilder {
        var b = GraphBuilder(name: "densenet")
        b.addNode("x", op: .input, channels: 32)
        var previous = "x"
        var made = 1
        var block = 0
        while made < count - 30 {
            var members = [previous]
            for layer in 0..<12 {
                let cat = "d\(block).cat\(layer)", conv = "d\(block).conv\(layer)"
                b.addNode(cat, op: .concat)
                for member in members { b.connect(member, to: cat) }
                b.addNode(conv, op: .layer(groups: 1), channels: 8)
                b.connect(cat, to: conv)
                members.append(conv)
            }
            let joined = "d\(block).out", transition = "d\(block).transition"
            b.addNode(joined, op: .concat)
            for member in members { b.connect(member, to: joined) }
            b.addNode(transition, op: .layer(groups: 1), channels: 32)
            b.connect(joined, to: transition)
            previous = transition
            made += 26
            block += 1
        }
        b.addNode("loss", op: .loss(.generic))
        b.connect(previous, to: "loss")
        return b
    }

    /// Random DAG: each node is a layer, add or concat over one or two of the last 50 nodes.
    private static func random(_ count: Int) -> GraphBuilder {
        var generator = SplitMix(state: 42)
        var b = GraphBuilder(name: "random")
        b.addNode("n0", op: .input, channels: 8)
        for index in 1..<count {
            let first = "n\(index - 1)"
            let second = "n\(max(0, index - 1 - Int(generator.next() % 50)))"
            switch generator.next() % 3 {
            case 0:
                b.addNode("n\(index)", op: .layer(groups: 1), channels: 8)
                b.connect(first, to: "n\(index)")
            case 1:
                b.addNode("n\(index)", op: .add)
                b.connect(first, to: "n\(index)")
                b.connect(second, to: "n\(index)", sourceRange: ChannelRange(0, 4), destinationRange: ChannelRange(4, 8))
            default:
                b.addNode("n\(index)", op: .layer(groups: 1), channels: 8)
                b.connect(first, to: "n\(index)", sourceRange: ChannelRange(0, 4))
                b.connect(second, to: "n\(index)", sourceRange: ChannelRange(4, 8))
            }
        }
        b.addNode("loss", op: .loss(.generic))
        b.connect("n\(count - 1)", to: "loss")
        return b
    }
}

/// SplitMix64, for reproducible graphs.
struct SplitMix {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
