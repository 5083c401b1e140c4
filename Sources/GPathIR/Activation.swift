/// Element-wise activation functions, folded into a weighted layer or standing alone.
public enum Activation: String, Hashable, Sendable, CaseIterable {
    case relu
    case leakyRelu = "leaky"
    case silu
    case mish
    case sigmoid
    case tanh
    case gelu
    case hardSwish = "hardswish"
    case linear
}
