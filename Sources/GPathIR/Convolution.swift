/// Attributes of a 2-D convolution (optionally followed by batch norm and an activation,
/// which count as part of the same weighted layer). Kernel, stride, padding and dilation have
/// one value per axis; padding is symmetric on each axis.
public struct Convolution: Hashable, Sendable {
    public var kernel: AxisPair
    public var stride: AxisPair
    public var padding: AxisPair
    public var dilation: AxisPair
    public var groups: Int
    /// True when the convolution has a bias (ignored for params when `normalized`: the norm's
    /// shift takes its place).
    public var bias: Bool
    /// Batch normalisation folded into the layer (adds scale and shift per output channel).
    public var normalized: Bool
    public var activation: Activation?

    /// - Parameter padding: nil for "same" padding, d(k − 1)/2 on each axis.
    public init(
        kernel: AxisPair = 1, stride: AxisPair = 1, padding: AxisPair? = nil, dilation: AxisPair = 1, groups: Int = 1,
        bias: Bool = false, normalized: Bool = false, activation: Activation? = nil
    ) {
        self.kernel = kernel
        self.stride = stride
        self.padding = padding ?? Self.samePadding(kernel: kernel, dilation: dilation)
        self.dilation = dilation
        self.groups = groups
        self.bias = bias
        self.normalized = normalized
        self.activation = activation
    }

    /// d(k − 1)/2 per axis: the padding that keeps a stride-1 map's size for odd kernels.
    /// Saturates instead of overflowing on sizes beyond ``Limits/maximumExtent`` (which the
    /// verifier then rejects).
    public static func samePadding(kernel: AxisPair, dilation: AxisPair) -> AxisPair {
        func same(_ k: Int, _ d: Int) -> Int { d.saturatingMultiplied(by: k.saturatingSubtracting(1)) / 2 }
        return AxisPair(height: same(kernel.height, dilation.height), width: same(kernel.width, dilation.width))
    }

    /// Weights per output channel and input channel of its group: kh · kw.
    public var kernelArea: Int { kernel.height.saturatingMultiplied(by: kernel.width) }

    /// Output size along one axis: ⌊(n + 2p − d(k − 1) − 1) / s⌋ + 1. Saturating: sizes beyond
    /// ``Limits/maximumExtent`` give a meaningless but finite result, never a trap.
    public static func outputSize(_ n: Int, kernel: Int, stride: Int, padding: Int, dilation: Int) -> Int {
        let span = dilation.saturatingMultiplied(by: kernel.saturatingSubtracting(1))
        let numerator = n.saturatingAdding(padding.saturatingMultiplied(by: 2)).saturatingSubtracting(span).saturatingSubtracting(1)
        return (stride <= 0 ? numerator : numerator / stride).saturatingAdding(1)
    }

    /// The output map of an input map, each axis with its own kernel, stride, padding and dilation.
    public func output(_ input: Spatial) -> Spatial {
        Spatial(
            height: Self.outputSize(input.height, kernel: kernel.height, stride: stride.height, padding: padding.height, dilation: dilation.height),
            width: Self.outputSize(input.width, kernel: kernel.width, stride: stride.width, padding: padding.width, dilation: dilation.width))
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

/// Window attributes of max/average pooling, one value per axis. `padding` is added before
/// the map (top, left) and `trailingPadding` after it (bottom, right): darknet pads a total of
/// `size − 1` split unevenly, so a 2×2 stride-1 pool keeps a 13×13 map.
public struct Pooling: Hashable, Sendable {
    public var kernel: AxisPair
    public var stride: AxisPair
    public var padding: AxisPair
    public var trailingPadding: AxisPair

    /// - Parameters:
    ///   - stride: nil for non-overlapping windows (stride = kernel).
    ///   - trailingPadding: nil for symmetric padding (the same as `padding`).
    public init(kernel: AxisPair, stride: AxisPair? = nil, padding: AxisPair = 0, trailingPadding: AxisPair? = nil) {
        self.kernel = kernel
        self.stride = stride ?? kernel
        self.padding = padding
        self.trailingPadding = trailingPadding ?? padding
    }

    /// Output size along one axis: max(1, ⌊(n + p + q − k) / s⌋ + 1) with p, q the padding
    /// before and after (a window larger than the map pools it whole).
    /// Saturating, like ``Convolution/outputSize(_:kernel:stride:padding:dilation:)``.
    public static func outputSize(_ n: Int, kernel: Int, stride: Int, padding: Int, trailingPadding: Int? = nil) -> Int {
        let numerator = n.saturatingAdding(padding).saturatingAdding(trailingPadding ?? padding).saturatingSubtracting(kernel)
        return max(1, (stride <= 0 ? numerator : numerator / stride).saturatingAdding(1))
    }

    /// The output map of an input map, each axis with its own window.
    public func output(_ input: Spatial) -> Spatial {
        Spatial(
            height: Self.outputSize(input.height, kernel: kernel.height, stride: stride.height, padding: padding.height, trailingPadding: trailingPadding.height),
            width: Self.outputSize(input.width, kernel: kernel.width, stride: stride.width, padding: padding.width, trailingPadding: trailingPadding.width))
    }
}

extension Pooling {
    /// Square, strided-and-padded, and darknet's uneven (none before, one after) windows: the
    /// pooling ops' samples.
    static let samples: [Pooling] = [
        Pooling(kernel: 2), Pooling(kernel: 3, stride: 2, padding: 1),
        Pooling(kernel: 2, stride: 1, padding: 0, trailingPadding: 1),
    ]

    /// The pooling ops' shape rule: the window's ``output(_:)``.
    static let outputSpatial: @Sendable (Op, Spatial) -> Spatial = { op, input in
        op.poolingWindow?.output(input) ?? input
    }

    /// The pooling ops' attribute check: positive kernel and stride, no negative padding.
    static let attributeProblem: @Sendable (Op) -> String? = { op in
        guard let p = op.poolingWindow else { return nil }
        if p.kernel.minimum < 1 { return "kernel \(p.kernel); it must be at least 1" }
        if p.stride.minimum < 1 { return "stride \(p.stride); it must be at least 1" }
        if p.padding.minimum < 0 || p.trailingPadding.minimum < 0 {
            return "padding \(p.padding) before and \(p.trailingPadding) after; it must not be negative"
        }
        return nil
    }
}
