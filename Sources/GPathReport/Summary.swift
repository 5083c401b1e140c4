import GPathAnalysis

/// The network summary lines printed under the table (and as Markdown/CSV comments nowhere:
/// those formats carry rows only).
struct Summary {
    let lines: [(key: String, value: String)]

    init(_ report: AnalysisReport) {
        let paths = report.paths
        var lines: [(String, String)] = []
        lines.append(("network", report.graph.name))
        lines.append(("layers", String(paths.layers.count)))
        if let analysis = report.analysis {
            lines.append(("units", String(analysis.units.count)))
            lines.append(("longest shortest path", Self.figure(analysis.longestShortestPath, at: analysis.longestShortestPathUnits)))
            lines.append(("  layer-wise", Self.figure(analysis.longestShortestPathLayerwise, at: [])))
            lines.append(("longest gradient path", Self.figure(analysis.longestPath, at: analysis.longestPathUnits)))
            let combinations = analysis.timestampCombinations
            let shown = combinations.prefix(8).enumerated().map { "C\($0.offset + 1)={\($0.element.cellDescription())}" }
            let more = combinations.count > 8 ? " …" : ""
            lines.append(("timestamp combinations", "\(combinations.count)" + (combinations.isEmpty ? "" : "  " + shown.joined(separator: " ") + more)))
        } else {
            lines.append(("longest shortest path", Self.figure(paths.longestShortestPath, at: paths.criticalLayers.map(\.name))))
            lines.append(("  layer-wise", Self.figure(paths.longestShortestPathLayerwise, at: [])))
            lines.append(("longest gradient path", Self.figure(paths.longestPath, at: [])))
            if let timestamps = report.timestamps {
                let combinations = timestamps.combinations
                let shown = combinations.prefix(8).enumerated().map { "C\($0.offset + 1)={\($0.element.cellDescription())}" }
                let more = combinations.count > 8 ? " …" : ""
                lines.append(("timestamp combinations", "\(combinations.count) (per layer)" + (combinations.isEmpty ? "" : "  " + shown.joined(separator: " ") + more)))
                lines.append(("timestamps, total", "\(Self.grouped(timestamps.totalTimestamps)) (Σ|T| over layers)"))
            }
        }
        if let shortest = paths.inputShortest, let longest = paths.inputLongest {
            var text = "shortest \(shortest), longest \(longest)"
            if let analysis = report.analysis {
                let total = analysis.inputPaths.total
                text += " (\(Self.count(String(total))) path\(total == 1 ? "" : "s"))"
            }
            lines.append(("paths to the input", text))
        } else {
            lines.append(("paths to the input", "none (no gradient reaches an input)"))
        }
        let unreachable = report.analysis?.unreachableUnits ?? paths.unreachableLayers.map(\.name)
        lines.append((report.analysis == nil ? "unreachable layers" : "unreachable units", unreachable.isEmpty ? "none" : Self.list(unreachable)))
        lines.append(("params", report.costs.params.map(Self.cost) ?? "unknown (layers without kernel sizes)"))
        if let macs = report.costs.macs, let flops = report.costs.flops {
            let products = report.costs.activationMACs
            let labelled = products > 0 ? ", \(Self.cost(products)) of them activation x activation" : ""
            lines.append(("MACs", "\(Self.cost(macs)) (FLOPs = 2 x MACs = \(Self.cost(flops))\(labelled))"))
        } else {
            lines.append(("MACs", "unknown (spatial sizes or kernels not given)"))
        }
        self.lines = lines
    }

    static func figure(_ value: Int?, at names: [String]) -> String {
        guard let value else { return "-" }
        return names.isEmpty ? String(value) : "\(value)  (\(list(names)))"
    }

    /// A cost, grouped; costs saturate at `Int.max` (CostPass), which reads as a bound.
    static func cost(_ value: Int) -> String {
        value == .max ? "at least \(grouped(value)) (beyond 64-bit)" : grouped(value)
    }

    /// Layer or unit names in backticks (a Darknet layer called `0` must not read as a count),
    /// the first `limit` of them.
    static func list(_ names: [String], limit: Int = 6) -> String {
        let shown = names.prefix(limit).map { "`\($0)`" }.joined(separator: ", ")
        return names.count > limit ? "\(shown), … \(names.count - limit) more" : shown
    }

    /// Exact counts up to 15 digits; longer ones as `8.18e149` (the JSON report keeps them exact).
    static func count(_ digits: String) -> String {
        guard digits.count > 15 else { return digits }
        let mantissa = Array(digits.prefix(3))
        return "\(mantissa[0]).\(mantissa[1])\(mantissa[2])e\(digits.count - 1)"
    }

    /// 11689512 → `11,689,512`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return (value < 0 ? "-" : "") + out
    }
}
