import GPathIR

/// Veit et al.'s unraveled view as a graph: `blocks` residual blocks `s_i = f_i(s_{i-1}) +
/// s_{i-1}`, one weighted layer `f_i` each, from an input to one loss — 2^blocks paths.
public enum ResidualChain {
    public static func builder(blocks: Int, channels: Int = 1) -> GraphBuilder {
        var b = GraphBuilder(name: "residual\(blocks)")
        b.addNode("x", op: .input, channels: channels)
        var previous = "x"
        for i in 1...max(1, blocks) {
            b.addNode("f\(i)", op: .layer(groups: 1), channels: channels)
            b.addNode("s\(i)", op: .add)
            b.connect(previous, to: "f\(i)")
            b.connect("f\(i)", to: "s\(i)")
            b.connect(previous, to: "s\(i)")
            previous = "s\(i)"
        }
        b.addNode("loss", op: .loss(.generic))
        b.connect(previous, to: "loss")
        return b
    }
}
