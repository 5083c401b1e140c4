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
    /// True when the tensor holds integers (shapes, indices): `Div` truncates, `Cast` rounds.
    var isInteger = false
    /// True when the tensor is an initializer or computed from one (a weight, a positional
    /// embedding, an anchor grid), as opposed to one built from `Constant` nodes and shapes.
    var fromInitializer = false
    /// The initializer it comes from, when exactly one (`class_token` through its Expand).
    var initializer: String?

    init(dims: [Int]?, values: [Double]? = nil, origin: Origin = .folded, isInteger: Bool = false, fromInitializer: Bool = false) {
        self.dims = dims
        self.values = values
        self.origin = origin
        self.isInteger = isInteger
        self.fromInitializer = fromInitializer
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

/// A tensor computed by the network: which IR channels and positions each ONNX axis indexes,
/// and the lowered nodes that hold them.
///
/// Every axis is a row-major product of *factors* (``ONNXFactor``, size-1 factors omitted):
/// channel factors index the IR channel axis, position factors the IR map, block factors
/// separate IR nodes. The IR channel index is row-major over the channel factors sorted by
/// rank (not by axis), so a Transpose only reorders axes and never needs a node; likewise the
/// position index within a block, which is the IR map's row-major order when the value is
/// ``isAligned``. NCHW maps have one channel factor on axis 1; token tensors `[B, T, C]`
/// theirs on the last axis; per-head tensors `[B, heads, T, d]` two (heads, d) — see
/// `docs/onnx.md`.
///
/// `blocks` list, per block (row-major over the block factors by rank; usually one), where
/// each channel comes from — a whole node, a sub-range after Split/Slice, single channels
/// after a channel shuffle, one node per attention head. `shape` is the ONNX shape (batch
/// first, nil for symbolic dims).
struct ONNXDataValue {
    var shape: [Int?]
    var axes: [[ONNXFactor]]
    var blocks: [[ONNXSegment]]
    /// The ONNX node that permuted positions in a way factor ranks cannot describe (a cyclic
    /// shift); the positions are then in no known relation to the IR map's order.
    var scrambledBy: Int?
    /// A spatial subsampling (Slice with a step on one of H/W) not yet lowered, because the IR
    /// needs equal steps on both axes: (height step, width step).
    var pendingStep: (height: Int, width: Int)?
    /// Zero padding (Pad) not yet lowered: [top, left, bottom, right], folded into the next
    /// convolution or pooling.
    var pendingPads: [Int]?
    /// A crop of one position axis not yet lowered (half of a cyclic shift, or a box decode's
    /// Slice), realised as a token slice when something else reads it.
    var pendingCrop: ONNXPositionCrop?

    /// A value of one block whose axis `channelAxis` holds all `segments`' channels and whose
    /// other axes are positions (or size 1): an NCHW map (`channelAxis` 1), a token tensor
    /// (the last axis).
    init(segments: [ONNXSegment], shape: [Int?], channelAxis: Int = 1) {
        self.shape = shape
        self.blocks = [segments]
        let width = segments.reduce(0) { $0 + $1.range.width }
        var rank = 0
        self.axes = shape.enumerated().map { axis, dim in
            if axis == channelAxis { return width > 1 ? [ONNXFactor(size: width, role: .channel, rank: [0])] : [] }
            guard axis > 0 || channelAxis == 0, let dim, dim > 1 else { return [] }
            rank += 1
            return [ONNXFactor(size: dim, role: .position, rank: [rank])]
        }
    }

    /// The channels of block 0 (every value but an attention block's has one block).
    var segments: [ONNXSegment] {
        get { blocks[0] }
        set { blocks = [newValue] }
    }

    /// Total number of channels carried (per block).
    var width: Int { blocks[0].reduce(0) { $0 + $1.range.width } }
    var rank: Int { shape.count }

    /// The factors of `role`, with the axis each sits on, in memory (row-major) order.
    func factors(_ role: ONNXFactor.Role) -> [(axis: Int, factor: ONNXFactor)] {
        axes.enumerated().flatMap { axis, factors in factors.filter { $0.role == role }.map { (axis, $0) } }
    }

    /// Positions per block (the IR map's area when aligned).
    var positionCount: Int { factors(.position).reduce(1) { $0.saturatingMultiplied(by: $1.factor.size) } }

    /// True when the positions' memory order is the IR map's row-major order.
    var isAligned: Bool {
        guard scrambledBy == nil else { return false }
        let ranks = factors(.position).map(\.factor.rank)
        return zip(ranks, ranks.dropFirst()).allSatisfy { $0.lexicographicallyPrecedes($1) }
    }

    /// True when channel factors sit in memory order (the IR channel index is the memory one).
    var channelsInMemoryOrder: Bool {
        let ranks = factors(.channel).map(\.factor.rank)
        return zip(ranks, ranks.dropFirst()).allSatisfy { $0.lexicographicallyPrecedes($1) }
    }

    /// `value` with position ranks renumbered [0], [1]… in their current order (so a new
    /// rank can be put before them with a [-1] prefix).
    static func renumberedPositions(_ value: ONNXDataValue) -> ONNXDataValue {
        var result = value
        result.axes = ONNXAxisAlgebra.renumbered(value.axes, .position)
        return result
    }

    /// The roles present on `axis`.
    func roles(of axis: Int) -> Set<ONNXFactor.Role> { Set(axes[axis].map(\.role)) }

    /// The channels `range` of block `block` (channel positions, not node channels).
    func channels(_ range: Range<Int>, block: Int = 0) -> [ONNXSegment] {
        var result: [ONNXSegment] = []
        var offset = 0
        for segment in blocks[block] {
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

    /// The channels at `positions` of block `block`, merging runs of consecutive channels of
    /// the same node.
    func channels(at positions: [Int], block: Int = 0) -> [ONNXSegment] {
        var result: [ONNXSegment] = []
        // Runs of consecutive positions are looked up at once.
        var start = 0
        while start < positions.count {
            var end = start + 1
            while end < positions.count, positions[end] == positions[end - 1] + 1 { end += 1 }
            for piece in channels(positions[start]..<positions[end - 1] + 1, block: block) {
                if var last = result.last, last.node == piece.node, last.range.upper == piece.range.lower {
                    last.range = ChannelRange(last.range.lower, piece.range.upper)
                    result[result.count - 1] = last
                } else {
                    result.append(piece)
                }
            }
            start = end
        }
        return result
    }
}

/// A crop of one position axis that is not lowered yet.
struct ONNXPositionCrop {
    /// The Slice node, which names the token slice if one is made.
    var node: Int
    /// The tensor it slices (whose value is the uncropped one).
    var tensor: String
    var axis: Int
    var range: Range<Int>
}
