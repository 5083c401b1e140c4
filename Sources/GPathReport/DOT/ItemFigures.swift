import GPathAnalysis
import GPathIR

/// Aggregated figures of what one picture node stands for: a layer, a layer with its folded
/// copies, or a collapsed block.
struct ItemFigures: Equatable {
    /// Weighted layers represented.
    var layers = 0
    /// Sum of trainable parameters (nil when any is unknown).
    var params: Int? = 0
    /// Sum of FLOPs = 2 × MACs (nil when any is unknown).
    var flops: Int? = 0
    /// Smallest shortest gradient path over the reached layers.
    var shortestLow: Int?
    /// Largest shortest gradient path over reached channels (the critical criterion).
    var shortestHigh: Int?
    var longestLow: Int?
    var longestHigh: Int?
    /// Largest number of distinct timestamps of one layer (nil without the full analysis).
    var timestamps: Int?
    /// Layers no gradient reaches.
    var unreachable = 0
    /// True when a represented layer is critical.
    var isCritical = false

    /// Adds one node's figures.
    mutating func add(_ node: Node, context: FigureContext) {
        let cost = context.report.costs[node.id]
        params = params.flatMap { sum in cost.params.map { sum.saturatingAdding($0) } }
        flops = flops.flatMap { sum in cost.macs.map { sum.saturatingAdding($0.saturatingMultiplied(by: 2)) } }
        guard let paths = context.paths[node.id] else { return }
        layers += 1
        isCritical = isCritical || context.critical.contains(node.id)
        guard let low = paths.shortest, let high = paths.longestShortestOverChannels, let longest = paths.longest else {
            unreachable += 1
            return
        }
        shortestLow = min(shortestLow ?? low, low)
        shortestHigh = max(shortestHigh ?? high, high)
        let longestMin = paths.runs.map(\.longest).min() ?? longest
        longestLow = min(longestLow ?? longestMin, longestMin)
        longestHigh = max(longestHigh ?? longest, longest)
        if let count = context.timestampCounts[node.id] { timestamps = max(timestamps ?? count, count) }
    }

    /// The value the colour scale encodes for `metric`, nil when unknown or unreachable.
    func value(_ metric: PictureOptions.ColorMetric) -> Int? {
        switch metric {
        case .shortest: shortestHigh
        case .longest: longestHigh
        case .timestamps: timestamps
        case .params: layers > 0 ? params : nil
        case .flops: layers > 0 ? flops : nil
        }
    }
}

/// Per-layer lookups shared while aggregating figures.
struct FigureContext {
    let report: AnalysisReport
    let paths: [NodeID: LayerGradientPaths]
    let critical: Set<NodeID>
    let timestampCounts: [NodeID: Int]

    init(_ report: AnalysisReport) {
        self.report = report
        var paths: [NodeID: LayerGradientPaths] = [:]
        for layer in report.paths.layers { paths[layer.node] = layer }
        self.paths = paths
        critical = Set(report.paths.criticalLayers.map(\.node))
        var counts: [NodeID: Int] = [:]
        for layer in report.analysis?.layers ?? [] { counts[layer.node] = layer.timestamps.count }
        timestampCounts = counts
    }
}
