import GPathIR

/// What an ONNX tensor name stands for while lowering.
enum ONNXValue {
    /// A tensor known at import time: a weight, or a constant folded from shape arithmetic.
    case constant(ONNXConstant)
    /// A feature map (or feature vector) computed by the network.
    case data(ONNXDataValue)
    /// The producing node failed to lower; its consumers are skipped without further errors.
    case failed
}

/// A tensor known at import time. Only `dims` are read for weights; `values` are present for
/// small tensors whose values were decoded or folded (shapes, sizes, bounds, scales).
struct ONNXConstant {
    /// Where the values can be decoded from, if they were not folded.
    enum Origin {
        case initializer(position: Int)
        case attribute(node: Int, name: String)
        case folded
    }

    /// Dimensions, or nil when a fold could not tell them.
    var dims: [Int]?
    var values: [Double]?
    var origin: Origin

    init(dims: [Int]?, values: [Double]? = nil, origin: Origin = .folded) {
        self.dims = dims
        self.values = values
        self.origin = origin
    }

    /// Number of elements (1 for a scalar), when the dims are known.
    var elementCount: Int? { dims.map { dims in dims.reduce(1) { $0.saturatingMultiplied(by: $1) } } }
}

/// A run of channels of one lowered node.
struct ONNXSegment: Hashable {
    /// Index of the planned node producing the channels.
    var node: Int
    var range: ChannelRange
}

/// A tensor computed by the network, as the channels of lowered nodes it consists of.
///
/// `segments` list, in order, where each channel of the tensor comes from — usually one whole
/// node, a sub-range after Split/Slice, or single channels after a channel shuffle. `shape` is
/// the ONNX shape (batch first, nil for symbolic dims).
struct ONNXDataValue {
    /// How the ONNX axes relate to the channels in `segments`.
    enum Layout: Equatable {
        /// Axis 1 is the channel axis, later axes are spatial (NCHW, or NC).
        case channels
        /// Axis 1 has been split into axes 1 and 2 (`groups` × `perGroup`), as channel
        /// shuffle's first Reshape does; segments are in row-major order of the two axes.
        case grouped(groups: Int, perGroup: Int)
        /// Spatial axes folded into axis 1 (Flatten): only consumable as a whole.
        case flattened
    }

    var segments: [ONNXSegment]
    var shape: [Int?]
    var layout: Layout = .channels
    /// A spatial subsampling (Slice with a step on one of H/W) not yet lowered, because the IR
    /// needs equal steps on both axes: (height step, width step).
    var pendingStep: (height: Int, width: Int)?
    /// Zero padding (Pad) not yet lowered: [top, left, bottom, right], folded into the next
    /// convolution or pooling.
    var pendingPads: [Int]?

    /// Total number of channels carried.
    var width: Int { segments.reduce(0) { $0 + $1.range.width } }
    var rank: Int { shape.count }
    /// Height and width of a 4-D value in channels layout, nil when symbolic.
    var spatial: Spatial? {
        guard layout == .channels, rank == 4, let h = shape[2], let w = shape[3] else { return nil }
        return Spatial(height: h, width: w)
    }

    /// The channels `range` of this value (channel positions, not node channels).
    func channels(_ range: Range<Int>) -> [ONNXSegment] {
        var result: [ONNXSegment] = []
        var offset = 0
        for segment in segments {
            let low = max(range.lowerBound, offset)
            let high = min(range.upperBound, offset + segment.range.width)
            if low < high {
                let start = segment.range.lower + (low - offset)
                result.append(ONNXSegment(node: segment.node, range: ChannelRange(start, start + high - low)))
            }
            offset += segment.range.width
        }
        return result
    }

    /// The channels at `positions`, merging runs of consecutive channels of the same node.
    func channels(at positions: [Int]) -> [ONNXSegment] {
        var result: [ONNXSegment] = []
        for position in positions {
            for piece in channels(position..<position + 1) {
                if var last = result.last, last.node == piece.node, last.range.upper == piece.range.lower {
                    last.range = ChannelRange(last.range.lower, piece.range.upper)
                    result[result.count - 1] = last
                } else {
                    result.append(piece)
                }
            }
        }
        return result
    }
}
