/// Attributes of a 2-D convolution (optionally followed by batch norm and an activation,
/// which count as part of the same weighted layer).
public struct Convolution: Hashable, Sendable {
    public var kernel: Int
    public var stride: Int
    public var padding: Int
    public var dilation: Int
    public var groups: Int
    /// True when the convolution has a bias (ignored for params when `normalized`: the norm's
    /// shift takes its place).
    public var bias: Bool
    /// Batch normalisation folded into the layer (adds scale and shift per output channel).
    public var normalized: Bool
    public var activation: Activation?

    public init(
        kernel: Int = 1, stride: Int = 1, padding: Int? = nil, dilation: Int = 1, groups: Int = 1,
        bias: Bool = false, normalized: Bool = false, activation: Activation? = nil
    ) {
        self.kernel = kernel
        self.stride = stride
        self.padding = padding ?? (dilation * (kernel - 1)) / 2
        self.dilation = dilation
        self.groups = groups
        self.bias = bias
        self.normalized = normalized
        self.activation = activation
    }

    /// Output size along one axis: ⌊(n + 2p − d(k − 1) − 1) / s⌋ + 1.
    public func outputSize(_ n: Int) -> Int {
        (n + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1
    }
}

/// Attributes of a fully connected layer. It reads every input value (channels × height ×
/// width, i.e. an implicit flatten) and produces a 1×1 map.
public struct Linear: Hashable, Sendable {
    public var bias: Bool
    public var normalized: Bool
    public var activation: Activation?

    public init(bias: Bool = true, normalized: Bool = false, activation: Activation? = nil) {
        self.bias = bias
        self.normalized = normalized
        self.activation = activation
    }
}

/// Window attributes of max/average pooling.
public struct Pooling: Hashable, Sendable {
    public var kernel: Int
    public var stride: Int
    public var padding: Int

    public init(kernel: Int, stride: Int? = nil, padding: Int = 0) {
        self.kernel = kernel
        self.stride = stride ?? kernel
        self.padding = padding
    }

    /// ⌊(n + 2p − k) / s⌋ + 1.
    public func outputSize(_ n: Int) -> Int { (n + 2 * padding - kernel) / stride + 1 }
}
