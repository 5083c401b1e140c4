import Foundation
import GPathIR

/// What the timestamps and full analyses would hold in memory on a graph, bounded from above
/// in linear time from the shortest/longest figures, before anything big is allocated.
///
/// A layer's timestamps lie between its shortest and longest path, so
/// `span(L) = longest(L) − shortest(L) + 1 ≥ |T(L)|`. The timestamps level keeps one bit set
/// of `longest(L) + 1` bits per layer (and per pending group). The full level keeps, for every
/// timestamp, an exact path count — a big integer of up to `bits(L) = ⌈log₂ N(L)⌉ + 1` bits,
/// where N(L) is the number of gradient paths to L (bounded here by counting node sequences,
/// which channel slices can only reduce), stored as `limbs(L) = ⌊0.302 · bits(L) / 18⌋ + 1`
/// decimal limbs of 8 bytes (``PathCounts``) — in the layer's arrival groups, its segments and
/// its units (gradient sources are kept as emissions — an emitter's rounds as one bit set — and
/// stay small beside them), each group's counts in one array. So
///
///     full ≤ Σ_L (span(L) · 3 · limbs(L) · 8 + 3 · 64) bytes.
///
/// On a residual chain of depth d, span and bits both grow like d, so path counts are d²-bit
/// per layer and d³ overall: the estimate is what makes the full analysis of a 10,000-block
/// ResNet refuse (terabytes) while its timestamps (bits: megabytes) run. Measured against it
/// (release build, peak resident memory of `gpath analyze --analysis full`, table output, less
/// the 31 MB of a run on a tiny graph): VoVNet of 200, 400 and 1,000 modules, estimated 29 MB,
/// 219 MB and 3.3 GB, used 9 MB, 57 MB and 815 MB. The full JSON report prints every count in
/// decimal, once per layer and once per unit — `Σ_L 2 · span(L) · (0.302 · bits(L) + 12)`
/// bytes of text (``fullJSONBytes``) — streamed, so the text is not held (VoVNet 400: 323 MB
/// written, 108 MB peak).
public struct AnalysisMemoryEstimate: Sendable {
    /// Σ_L span(L): an upper bound on Σ_L |T(L)|.
    public let timestampBound: Int
    /// The largest `bits(L)`.
    public let countBits: Int
    /// Bytes the timestamps level needs, at most.
    public let timestampsBytes: Int
    /// Bytes the full level needs, at most (saturating).
    public let fullBytes: Int
    /// Bytes of text the full level's JSON report prints for its path counts, at most.
    public let fullJSONBytes: Int

    public init(graph: Graph, paths: GradientPaths) {
        let log2Paths = Self.log2PathCounts(graph)
        var bound = 0, bits = 0, full = 0, json = 0, longestAll = 0
        for layer in paths.layers {
            guard let shortest = layer.shortest, let longest = layer.longest else { continue }
            let span = longest - shortest + 1
            let layerBits = Int(min(log2Paths[layer.node.index].rounded(.up), 1e15)) + 1
            bound = bound.saturatingAdding(span)
            bits = max(bits, layerBits)
            longestAll = max(longestAll, longest)
            let limbs = layerBits * 302 / 1000 / 18 + 1
            full = full.saturatingAdding(span.saturatingMultiplied(by: 3 * limbs * 8)).saturatingAdding(3 * 64)
            json = json.saturatingAdding(span.saturatingMultiplied(by: 2 * (layerBits * 302 / 1000 + 12)))
        }
        let setBytes = (longestAll + 64) / 64 * 8 + 64
        timestampBound = bound
        countBits = bits
        timestampsBytes = (paths.layers.count + graph.nodes.count).saturatingMultiplied(by: setBytes)
        fullBytes = full
        fullJSONBytes = json
    }

    /// log₂ of the number of node sequences from a loss to each node (−∞: none), by dynamic
    /// programming in reverse topological order; sums in log space (no overflow).
    static func log2PathCounts(_ graph: Graph) -> [Double] {
        var log2Count = [Double](repeating: -.infinity, count: graph.nodes.count)
        func add(_ value: Double, to index: Int) {
            let current = log2Count[index]
            guard value > -.infinity else { return }
            guard current > -.infinity else { log2Count[index] = value; return }
            let high = max(current, value), low = min(current, value)
            log2Count[index] = high + log2(1 + exp2(low - high))
        }
        for id in graph.topologicalOrder.reversed() {
            let node = graph[id]
            switch node.op.routing {
            case .origin: log2Count[id.index] = 0
            case .stop, .sink: continue
            default: break
            }
            let value = log2Count[id.index]
            for edge in node.inputs { add(value, to: edge.source.index) }
        }
        return log2Count
    }

    /// `12.3 GB`, `512 MB`, `37 kB`.
    public static func describe(bytes: Int) -> String {
        let value = Double(bytes)
        if value >= 1e12 { return String(format: "%.1f TB", value / 1e12) }
        if value >= 1e9 { return String(format: "%.1f GB", value / 1e9) }
        if value >= 1e6 { return String(format: "%.0f MB", value / 1e6) }
        return String(format: "%.0f kB", value / 1e3)
    }
}
