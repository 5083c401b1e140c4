import GPathIR

/// Add, concat and slice: moving channel slices of several inputs into one output.
///
/// Each input edge is a ``Piece``: channels `range` of its source land on output channels
/// `[offset, offset + range.width)`. Forward sums the pieces into a zero output — a concat's
/// pieces are disjoint and side by side, an add's may overlap (residual, masked and asymmetric
/// adds through the IR's channel slices and destination offsets), a slice is one piece.
/// Backward is the transpose: each source gets `+=` the output gradient of its piece, so
/// gradients accumulate when one tensor feeds several pieces.
public enum ChannelPlacement {
    /// One incoming slice and where it lands.
    public struct Piece: Hashable, Sendable {
        public var range: ChannelRange
        public var offset: Int

        public init(range: ChannelRange, offset: Int) {
            self.range = range
            self.offset = offset
        }
    }

    /// `y[:, offset + i] += sources[k][:, range.lower + i]` for every piece k (in order).
    public static func forward(_ sources: [Tensor], pieces: [Piece], channels: Int) -> Tensor {
        let first = sources[0].shape
        var y = Tensor(zeros: first.with(channels: channels))
        for (source, piece) in zip(sources, pieces) {
            accumulate(from: source, channel: piece.range.lower, into: &y, channel: piece.offset, count: piece.range.width)
        }
        return y
    }

    /// `∂source[:, range.lower + i] += ∂y[:, offset + i]` for one piece.
    public static func backward(outputGradient dy: Tensor, piece: Piece, into sourceGradient: inout Tensor) {
        accumulate(from: dy, channel: piece.offset, into: &sourceGradient, channel: piece.range.lower, count: piece.range.width)
    }

    /// `target[:, t + i] += source[:, s + i]` for i < count (same batch and plane).
    public static func accumulate(from source: Tensor, channel s: Int, into target: inout Tensor, channel t: Int, count: Int) {
        let batch = source.shape.batch
        let plane = source.shape.plane
        let sourceChannels = source.shape.channels
        let targetChannels = target.shape.channels
        let run = count * plane
        source.storage.withUnsafeBufferPointer { src in
            target.storage.withUnsafeMutableBufferPointer { dst in
                for n in 0..<batch {
                    let a = src.baseAddress! + (n * sourceChannels + s) * plane
                    let b = dst.baseAddress! + (n * targetChannels + t) * plane
                    for i in 0..<run { b[i] += a[i] }
                }
            }
        }
    }
}

extension OpKernel {
    /// Add: the executor places and sums the edges (``ChannelPlacement``) while assembling the
    /// input, so the kernel is an identity.
    static let add = OpKernel(
        kind: .add, compile: { _ in .kernel(IdentityKernel(passesGradient: true)) }, gradientCheck: .smooth)

    /// Concat: the executor puts the edges side by side while assembling the input.
    static let concat = OpKernel(
        kind: .concat, compile: { _ in .kernel(IdentityKernel(passesGradient: true)) }, gradientCheck: .smooth)

    /// Slice: the edge's source range is taken while assembling the input.
    static let slice = OpKernel(
        kind: .slice, compile: { _ in .kernel(IdentityKernel(passesGradient: true)) }, gradientCheck: .smooth)
}
