import GPathIR

/// The smallest graph around one sample op, shared by the op-table tests (shape rule, kernel,
/// picture style, spelling): `x` (4 channels, 6×5) → the op → a cross-entropy loss — the op
/// itself when it is a loss, and no op node when it is an input.
///
/// A matrix product also reads `y` (2×2, so `x·y` fits: 3 channels, and `x·yᵀ`: 4); a learned
/// tensor (4 channels, 6×5) feeds the loss beside `x`. With `pre`, `x` first passes through a
/// 4-channel node `pre` of that op, and everything else reads `pre` (so a test can watch
/// gradient reach a weight).
public enum OneOpGraph {
    /// The map of `x`.
    public static let spatial = Spatial(height: 6, width: 5)

    /// The unbuilt graph and the name of the op's node (`x` for an input).
    public static func builder(_ op: Op, pre: Op? = nil) -> (builder: GraphBuilder, node: String) {
        var b = GraphBuilder(name: "one")
        b.addNode("x", op: .input, channels: 4, spatial: spatial)
        var x = "x"
        if let pre {
            b.addNode("pre", op: pre, channels: 4)
            b.connect("x", to: "pre")
            x = "pre"
        }
        var name = x
        switch op.definition.arity {
        case .none where op.family == .learned:
            b.addNode("op", op: op, channels: 4, spatial: spatial)
            name = "op"
        case .none:
            break
        case .two:
            let transposed: Bool = if case .matmul(let product) = op { product.transposesSecond } else { false }
            b.addNode("y", op: .input, channels: transposed ? 4 : 3, spatial: Spatial(height: 2, width: 2))
            b.addNode("op", op: op)
            b.connect(x, to: "op")
            b.connect("y", to: "op")
            name = "op"
        case .one, .oneOrMore:
            b.addNode("op", op: op, channels: op.definition.channels == .declared ? 4 : nil)
            b.connect(x, to: "op")
            name = "op"
        }
        if op.family != .objective {
            b.addNode("loss", op: .loss(.crossEntropy))
            b.connect(name, to: "loss")
            if op.family == .learned { b.connect(x, to: "loss") }
        }
        return (b, name)
    }
}
