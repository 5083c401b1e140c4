import GPathDiagnostics
import GPathIR

/// MatMul of two feature maps (attention's Q·Kᵀ and A·V): parameter-free `matmul` nodes, one
/// per index of the batch axes. A batch axis of channels (attention heads) selects each head's
/// channels, so heads stay apart until the output projection; a batch axis of positions
/// (Swin's windows) becomes blocks — token slices of every operand, one node per window — so
/// every product has its real size and MACs.
extension ONNXLowering {
    /// Which IR product an ONNX `a[M, K] · b[K, N]` is, from the roles of M, K and N.
    private enum ProductForm {
        /// K channels of a, K positions of b: IR `a·b`; output M positions × N channels.
        case product
        /// K channels of both: IR `a·bᵀ`; output M positions × N channels (b's positions).
        case transposed
        /// K positions of a, K channels of b: IR `b·a` read transposed; output M channels × N
        /// positions (C2PSA's `v·Aᵀ`).
        case swapped
    }

    mutating func lowerMatrixProduct(_ position: Int) {
        guard var a = dataInput(position, 0, allowBlocks: true), var b = dataInput(position, 1, allowBlocks: true) else { return }
        let rank = a.rank
        guard rank >= 2, b.rank == rank, a.shape[rank - 1] == b.shape[rank - 2] else {
            return fail(position, "multiplies \(ONNXShapes.describe(a.shape)) by \(ONNXShapes.describe(b.shape)); gpath needs operands of one rank with matching inner sizes", code: .channelMismatch)
        }
        let batch = Array(0..<(rank - 2))
        func role(_ value: ONNXDataValue, _ axis: Int) -> ONNXFactor.Role? { value.roles(of: axis).count == 1 ? value.roles(of: axis).first : nil }
        let (m, k, n) = (rank - 2, rank - 1, rank - 1)
        let form: ProductForm
        switch (role(a, m), role(a, k), role(b, m), role(b, n)) {
        case (let am, .channel?, .position?, let bn) where am != .channel && bn != .position: form = .product
        case (let am, .channel?, .channel?, let bn) where am != .channel && bn != .channel: form = .transposed
        case (let am, .position?, .channel?, let bn) where am != .position && bn != .channel: form = .swapped
        default:
            return fail(position, "multiplies \(ONNXShapes.describe(a.shape)) by \(ONNXShapes.describe(b.shape)) along axes that are not a channel axis against a position axis (or two channel axes)",
                        notes: ["gpath lowers Q·Kᵀ, A·V and their transposes: each operand a matrix of positions × channels"])
        }
        for value in [a, b] {
            let misplaced = value.factors(.block).contains { !batch.contains($0.axis) }
                || batch.contains { value.roles(of: $0).contains(.channel) && value.roles(of: $0).count > 1 }
            if misplaced { return fail(position, "its batch axes mix channels with positions") }
        }
        guard batch.allSatisfy({ a.shape[$0] == b.shape[$0] || a.shape[$0] == 1 || b.shape[$0] == 1 }) else {
            return fail(position, "batch axes of \(ONNXShapes.describe(a.shape)) and \(ONNXShapes.describe(b.shape)) do not broadcast", code: .channelMismatch)
        }
        guard let blockedA = blockified(a, axes: batch, position), let blockedB = blockified(b, axes: batch, position) else { return }
        a = aligned(blockedA, position)
        b = aligned(blockedB, position)
        // The IR operands: (first, its channel axis) and (second, its channel axis).
        let (first, firstAxis, second, secondAxis) = switch form {
        case .product: (a, k, b, n)
        case .transposed: (a, k, b, m)
        case .swapped: (b, m, a, m)
        }
        let shape = batch.map { max(a.shape[$0] ?? 1, b.shape[$0] ?? 1) } + [a.shape[m], b.shape[n]]
        // The output's batch factors come from whichever operand has the full axis.
        let batchFactors = batch.map { axis in
            ((a.shape[axis] ?? 1) >= (b.shape[axis] ?? 1) ? a.axes[axis] : b.axes[axis]).enumerated().map {
                ONNXFactor(size: $0.element.size, role: $0.element.role, rank: [axis, $0.offset])
            }
        }
        var probe = ONNXDataValue(segments: [], shape: shape)
        probe.axes = batchFactors + [[], []]
        let combinations = shape.prefix(batch.count).reduce(1) { $0 * ($1 ?? 1) }
        let outputChannels = form == .transposed ? b.positionCount : form == .product ? b.shape[n] ?? 1 : a.shape[m] ?? 1
        let blockCount = batchFactors.flatMap { $0 }.filter { $0.role == .block }.reduce(1) { $0 * $1.size }
        var blocks = Array(repeating: [ONNXSegment](), count: blockCount)
        for index in 0..<combinations {
            let digits = batchDigits(index, shape: shape.prefix(batch.count).map { $0 ?? 1 })
            let (firstBlock, firstFixed) = locate(first, digits)
            let (secondBlock, secondFixed) = locate(second, digits)
            let firstEdge = single(channels(first, block: firstBlock, axis: firstAxis, fixed: firstFixed), position)
            let secondEdge = single(channels(second, block: secondBlock, axis: secondAxis, fixed: secondFixed), position)
            let (outBlock, _) = locate(probe, digits)
            let name = combinations == 1 ? nodeNames[position] : uniqueName("\(nodeNames[position])/\(blockCount > 1 ? "b\(outBlock)" : "")h\(blocks[outBlock].count)")
            let node = plan(PlannedNode(
                name: name, op: .matmul(MatrixProduct(transposesSecond: form == .transposed)), channels: outputChannels,
                inputs: [PlannedEdge(segment: firstEdge), PlannedEdge(segment: secondEdge)]))
            blocks[outBlock].append(ONNXSegment(node: node, range: ChannelRange(0, outputChannels)))
        }
        let outputPositions = form == .swapped ? b.shape[n] ?? 1 : a.shape[m] ?? 1
        let mAxis: [ONNXFactor] = form == .swapped
            ? (outputChannels > 1 ? [ONNXFactor(size: outputChannels, role: .channel, rank: [1_000_000])] : [])
            : (outputPositions > 1 ? [ONNXFactor(size: outputPositions, role: .position, rank: [0])] : [])
        let nAxis: [ONNXFactor] = form == .swapped
            ? (outputPositions > 1 ? [ONNXFactor(size: outputPositions, role: .position, rank: [0])] : [])
            : (outputChannels > 1 ? [ONNXFactor(size: outputChannels, role: .channel, rank: [1_000_000])] : [])
        var axes = batchFactors + [mAxis, nAxis]
        let memoryChannels = axes.flatMap { $0 }.filter { $0.role == .channel }.map(\.rank)
        axes = ONNXAxisAlgebra.renumbered(axes, .channel, order: memoryChannels)
        axes = ONNXAxisAlgebra.renumbered(axes, .block, order: axes.flatMap { $0 }.filter { $0.role == .block }.map(\.rank))
        var output = ONNXDataValue(segments: [], shape: shape)
        output.axes = axes
        output.blocks = blocks
        setOutput(position, output)
    }

    /// Row-major digits of `index` over `shape`.
    private func batchDigits(_ index: Int, shape: [Int]) -> [Int] {
        var rest = index
        var digits = Array(repeating: 0, count: shape.count)
        for axis in shape.indices.reversed() {
            digits[axis] = rest % max(shape[axis], 1)
            rest /= max(shape[axis], 1)
        }
        return digits
    }

    /// The block and the fixed channel digits of `value` at batch `digits` (a size-1 axis
    /// broadcasts).
    private func locate(_ value: ONNXDataValue, _ digits: [Int]) -> (block: Int, fixed: [[Int]: Int]) {
        var fixed: [[Int]: Int] = [:]
        var blockDigits: [[Int]: Int] = [:]
        for (axis, digit) in digits.enumerated() {
            var rest = (value.shape[axis] ?? 1) == 1 ? 0 : digit
            for factor in value.axes[axis].reversed() {
                let part = rest % factor.size
                rest /= factor.size
                if factor.role == .channel { fixed[factor.rank] = part } else if factor.role == .block { blockDigits[factor.rank] = part }
            }
        }
        var block = 0
        for factor in value.factors(.block).map(\.factor).sorted(by: { $0.rank.lexicographicallyPrecedes($1.rank) }) {
            block = block * factor.size + (blockDigits[factor.rank] ?? 0)
        }
        return (block, fixed)
    }

    /// The channels of `value`'s block `block` with the batch digits `fixed`, in the memory
    /// order of the channel factors on `axis`.
    private func channels(_ value: ONNXDataValue, block: Int, axis: Int, fixed: [[Int]: Int]) -> [ONNXSegment] {
        let all = value.factors(.channel).map(\.factor)
        let order = value.axes[axis].filter { $0.role == .channel }.map(\.rank)
        return value.channels(at: ONNXAxisAlgebra.indices(of: all, order: order, fixed: fixed), block: block)
    }

    /// `value` with the position factors on `axes` made blocks: token slices of every node, one
    /// per index, when they are the outermost positions. Nil, with an error, otherwise.
    mutating func blockified(_ input: ONNXDataValue, axes: [Int], _ position: Int) -> ONNXDataValue? {
        let moving = input.factors(.position).filter { axes.contains($0.axis) }
        guard !moving.isEmpty else { return input }
        guard input.blocks.count == 1 else {
            fail(position, "batches over positions of a tensor already split into blocks")
            return nil
        }
        var value = ONNXDataValue.renumberedPositions(aligned(input, position))
        let positions = value.factors(.position)
        guard positions.prefix(moving.count).allSatisfy({ axes.contains($0.axis) }) else {
            fail(position, "batches over positions that are not the outermost of their map")
            return nil
        }
        let count = moving.reduce(1) { $0 * $1.factor.size }
        let inner = value.positionCount / count
        let movingRanks = Set(positions.prefix(moving.count).map(\.factor.rank))
        let segments = value.segments
        value.blocks = (0..<count).map { block in
            segments.map { segment in
                ONNXSegment(node: tokenSlice(of: segment.node, block * inner, (block + 1) * inner, at: position, label: "/tokens\(block)"), range: segment.range)
            }
        }
        value.axes = value.axes.map { $0.map { f in movingRanks.contains(f.rank) && f.role == .position ? ONNXFactor(size: f.size, role: .block, rank: f.rank) : f } }
        return value
    }
}
