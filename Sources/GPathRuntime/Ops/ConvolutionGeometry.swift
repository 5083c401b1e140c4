/// Sizes of one 2-D convolution: channels, window and input plane.
///
/// Output size along an axis: ⌊(n + 2p − d(k − 1) − 1) / s⌋ + 1, as in the IR's
/// `Convolution.outputSize`. The weight is laid out `[out, in / groups, k, k]`.
public struct ConvolutionGeometry: Hashable, Sendable {
    public var inputChannels: Int
    public var outputChannels: Int
    public var kernel: Int
    public var stride: Int
    public var padding: Int
    public var dilation: Int
    public var groups: Int
    public var inputHeight: Int
    public var inputWidth: Int

    public init(
        inputChannels: Int, outputChannels: Int, kernel: Int, stride: Int = 1, padding: Int = 0,
        dilation: Int = 1, groups: Int = 1, inputHeight: Int, inputWidth: Int
    ) {
        self.inputChannels = inputChannels
        self.outputChannels = outputChannels
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
        self.groups = groups
        self.inputHeight = inputHeight
        self.inputWidth = inputWidth
    }

    public var outputHeight: Int { (inputHeight + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1 }
    public var outputWidth: Int { (inputWidth + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1 }
    /// Input channels seen by one output channel.
    public var groupInputChannels: Int { inputChannels / groups }
    /// Output channels of one group.
    public var groupOutputChannels: Int { outputChannels / groups }
    /// Rows of one group's im2col matrix: (in / groups)·k².
    public var columnRows: Int { groupInputChannels * kernel * kernel }
    /// Number of weights.
    public var weightCount: Int { outputChannels * columnRows }
    /// Multiply-accumulates of one forward pass for one sample.
    public var macsPerSample: Int { outputChannels * columnRows * outputHeight * outputWidth }
}
