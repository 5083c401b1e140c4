/// The shape of a float32 NCHW tensor: batch, channels, height, width.
///
/// Element `(n, c, y, x)` lives at `((n · C + c) · H + y) · W + x`. Vectors and matrices use
/// the same type with trailing ones (a linear layer's output is `N×C×1×1`).
public struct TensorShape: Hashable, Sendable, CustomStringConvertible {
    public var batch: Int
    public var channels: Int
    public var height: Int
    public var width: Int

    public init(batch: Int, channels: Int, height: Int = 1, width: Int = 1) {
        precondition(batch >= 0 && channels >= 0 && height >= 0 && width >= 0, "negative tensor dimension")
        self.batch = batch
        self.channels = channels
        self.height = height
        self.width = width
    }

    /// Number of elements.
    public var count: Int { batch * channels * height * width }
    /// Elements of one channel of one sample (`H·W`).
    public var plane: Int { height * width }
    /// Elements of one sample (`C·H·W`).
    public var sampleSize: Int { channels * height * width }

    /// The same shape with another channel count.
    public func with(channels: Int) -> TensorShape {
        TensorShape(batch: batch, channels: channels, height: height, width: width)
    }

    /// The same shape with another batch size.
    public func with(batch: Int) -> TensorShape {
        TensorShape(batch: batch, channels: channels, height: height, width: width)
    }

    /// `32x16x8x8`.
    public var description: String { "\(batch)x\(channels)x\(height)x\(width)" }
}
