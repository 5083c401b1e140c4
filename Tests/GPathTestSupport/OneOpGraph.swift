import GPathIR

/// The smallest graph around one sample op, shared by the op-table tests (shape rule, kernel,
/// picture style, spelling): `x` (4 channels, 6×5) → the op → a cross-entropy loss — the op
/// itself when it is a loss, and no op node when it is an input.
public enum OneOpGraph {
    /// The unbuilt graph and the name of the op's node (`x` for an input).
    public static func builder(_ op: Op) -> (builder: GraphBuilder, node: String) {
        var b = GraphBuilder(name: "one")
        b.addNode("x", op: .input, channels: 4, spatial: Spatial(height: 6, width: 5))
        var name = "x"
        if op.definition.arity != .none {
            b.addNode("op", op: op, channels: op.definition.channels == .declared ? 4 : nil)
            b.connect("x", to: "op")
            name = "op"
        }
        if op.family != .objective {
            b.addNode("loss", op: .loss(.crossEntropy))
            b.connect(name, to: "loss")
        }
        return (b, name)
    }
}
