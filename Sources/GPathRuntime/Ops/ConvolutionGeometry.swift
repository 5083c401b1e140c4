import GPathIR

/// Sizes of one 2-D convolution: channels, window (one value per axis) and input plane.
///
/// Output size along an axis: ⌊(n + 2p − d(k − 1) − 1) / s⌋ + 1, as in the IR's
/// `Convolution.outputSize`. The weight is laid out `[out, in / groups, kh, kw]`.
public struct ConvolutionGeometry: Hashable, Sendable {
    public var inputChannels: Int
    public var outputChannels: Int
    public var kernel: AxisPair
    public var stride: AxisPair
    public var padding: AxisPair
    public var dilation: AxisPair
    public var groups: Int
    public var inputHeight: Int
    public var inputWidth: Int

    public init(
        inputChannels: Int, outputChannels: Int, kernel: AxisPair, stride: AxisPair = 1, padding: AxisPair = 0,
        dilation: AxisPair = 1, groups: Int = 1, inputHeight: Int, inputWidth: Int
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

    public var outputHeight: Int {
        Convolution.outputSize(inputHeight, kernel: kernel.height, stride: stride.height, padding: padding.height, dilation: dilation.height)
    }
    public var outputWidth: Int {
        Convolution.outputSize(inputWidth, kernel: kernel.width, stride: stride.width, padding: padding.width, dilation: dilation.width)
    }
    /// Input channels seen by one output channel.
    public var groupInputChannels: Int { inputChannels / groups }
    /// Output channels of one group.
    public var groupOutputChannels: Int { outputChannels / groups }
    /// Rows of one group's im2col matrix: (in / groups)·kh·kw.
    public var columnRows: Int { groupInputChannels * kernel.height * kernel.width }
    /// Number of weights.
    public var weightCount: Int { outputChannels * columnRows }
    /// Multiply-accumulates of one forward pass for one sample.
    public var macsPerSample: Int { outputChannels * columnRows * outputHeight * outputWidth }
}
