/// One factor of an ONNX axis: a run of indices that maps to the IR channel axis, to the IR
/// map's positions, or to separate IR nodes (blocks).
///
/// An axis of size 768 split by a Reshape into heads × d = 12 × 64 becomes two factors; a
/// Reshape that merges two axes concatenates their factor lists. Factors never mix: a Reshape
/// that would cut across a factor boundary in a way no split describes is refused.
struct ONNXFactor: Hashable {
    enum Role: Hashable {
        /// Indexes the IR channel axis.
        case channel
        /// Indexes positions of the IR map.
        case position
        /// Indexes separate IR nodes (an attention product batched over windows): positions
        /// of the ONNX tensor that no single IR node holds.
        case block
    }

    var size: Int
    var role: Role
    /// Order among the factors of the same role in the IR index (compared lexicographically;
    /// splitting rank r gives r+[0] and r+[1], which sort where r did).
    var rank: [Int]
}

/// Pure functions on per-axis factor lists.
enum ONNXAxisAlgebra {
    /// The factors of `axes` re-cut into axes of sizes `dims` (a Reshape: row-major order is
    /// kept, so factors are only split or grouped); nil when a target axis would cut a factor
    /// at a size that does not divide it.
    static func reshape(_ axes: [[ONNXFactor]], to dims: [Int]) -> [[ONNXFactor]]? {
        var queue = axes.flatMap { $0 }
        var index = 0
        var result: [[ONNXFactor]] = []
        for dim in dims {
            guard dim >= 1 else { return nil }
            var axis: [ONNXFactor] = []
            var need = dim
            while need > 1 {
                guard index < queue.count else { return nil }
                let factor = queue[index]
                if factor.size <= need {
                    guard need % factor.size == 0 else { return nil }
                    axis.append(factor)
                    need /= factor.size
                    index += 1
                } else {
                    guard factor.size % need == 0 else { return nil }
                    axis.append(ONNXFactor(size: need, role: factor.role, rank: factor.rank + [0]))
                    queue[index] = ONNXFactor(size: factor.size / need, role: factor.role, rank: factor.rank + [1])
                    need = 1
                }
            }
            result.append(axis)
        }
        return index == queue.count ? result : nil
    }

    /// `axes` with neighbouring factors of one role merged when they are also neighbours in
    /// the IR order (rank order): a Reshape of H×W into one token axis leaves one factor.
    static func merged(_ axes: [[ONNXFactor]]) -> [[ONNXFactor]] {
        var next: [[Int]: [Int]] = [:]
        for role in [ONNXFactor.Role.channel, .position, .block] {
            let ranks = axes.flatMap { $0 }.filter { $0.role == role }.map(\.rank).sorted { $0.lexicographicallyPrecedes($1) }
            for (a, b) in zip(ranks, ranks.dropFirst()) { next[a] = b }
        }
        return axes.map { factors in
            // Each merged factor keeps its first part's rank; `last` is its last part's.
            var result: [(factor: ONNXFactor, last: [Int])] = []
            for factor in factors {
                if let tail = result.last, tail.factor.role == factor.role, next[tail.last] == factor.rank {
                    result[result.count - 1] = (ONNXFactor(size: tail.factor.size * factor.size, role: factor.role, rank: tail.factor.rank), factor.rank)
                } else {
                    result.append((factor, factor.rank))
                }
            }
            return result.map(\.factor)
        }
    }

    /// `axes` with the ranks of `role` replaced by [0], [1]… in the order the factors appear
    /// in `order` (a list of their current ranks; by default, their rank order).
    static func renumbered(_ axes: [[ONNXFactor]], _ role: ONNXFactor.Role, order: [[Int]]? = nil) -> [[ONNXFactor]] {
        let current = axes.flatMap { $0 }.filter { $0.role == role }.map(\.rank)
        let sequence = order ?? current.sorted { $0.lexicographicallyPrecedes($1) }
        var position: [[Int]: Int] = [:]
        for (index, rank) in sequence.enumerated() { position[rank] = index }
        return axes.map { factors in
            factors.map { factor in
                guard factor.role == role, let index = position[factor.rank] else { return factor }
                return ONNXFactor(size: factor.size, role: role, rank: [index])
            }
        }
    }

    /// Indices in the IR order of `factors` (sorted by rank: row-major, lowest rank most
    /// significant), enumerated row-major over `order` (ranks of the factors to walk, in that
    /// order), with the digits in `fixed` held; factors in neither are held at 0.
    static func indices(of factors: [ONNXFactor], order: [[Int]], fixed: [[Int]: Int] = [:]) -> [Int] {
        let sorted = factors.sorted { $0.rank.lexicographicallyPrecedes($1.rank) }
        var stride: [[Int]: Int] = [:]
        var size: [[Int]: Int] = [:]
        var running = 1
        for factor in sorted.reversed() {
            stride[factor.rank] = running
            size[factor.rank] = factor.size
            running *= factor.size
        }
        var result = [fixed.reduce(0) { $0 + $1.value * (stride[$1.key] ?? 0) }]
        for rank in order where fixed[rank] == nil {
            let step = stride[rank] ?? 0
            let count = size[rank] ?? 1
            result = result.flatMap { base in (0..<count).map { base + $0 * step } }
        }
        return result
    }
}
