import GPathAnalysis

/// Several designs side by side (`gpath compare`): one row per design, the network-level
/// figures that decide whether depth stays trainable.
public struct DesignComparison: Sendable {
    /// One design: its label (file, with parameter overrides) and its analysis.
    public struct Entry: Sendable {
        public let label: String
        public let report: AnalysisReport

        public init(label: String, report: AnalysisReport) {
            self.label = label
            self.report = report
        }
    }

    public let entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    /// Column titles, in order.
    public static let columns = [
        "design", "layers", "params", "FLOPs", "longest shortest (units)", "longest shortest (layers)",
        "longest path", "input paths", "timestamp combinations", "strict duplication", "source duplication",
        "unreachable units",
    ]

    /// Cell text per design, in ``columns`` order.
    public var rows: [[String]] {
        entries.map { entry in
            let report = entry.report
            let paths = report.paths
            let analysis = report.analysis
            func text(_ value: Int?) -> String { value.map(String.init) ?? "-" }
            let input = paths.inputShortest.map { "\($0)..\(paths.inputLongest ?? $0)" } ?? "-"
            return [
                entry.label, String(paths.layers.count), text(report.costs.params), text(report.costs.flops),
                text(paths.longestShortestPath), text(paths.longestShortestPathLayerwise), text(paths.longestPath), input,
                text(analysis?.timestampCombinations.count),
                analysis.map { Self.ratio($0.strictDuplication.ratio) } ?? "-",
                analysis.map { Self.ratio($0.sourceDuplication.ratio) } ?? "-",
                analysis.map { String($0.unreachableUnits.count) } ?? String(paths.unreachableLayers.count),
            ]
        }
    }

    static func ratio(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        return String(rounded)
    }

    /// Aligned text table.
    public func table() -> String {
        let all = [Self.columns] + rows
        var widths = Self.columns.map(\.count)
        for row in all {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        return all.map { row in
            row.enumerated().map { index, cell in
                let pad = String(repeating: " ", count: widths[index] - cell.count)
                return index == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ").replacingTrailingSpaces()
        }.joined(separator: "\n") + "\n"
    }

    /// GitHub-flavoured Markdown table.
    public func markdown() -> String {
        var out = "| " + Self.columns.joined(separator: " | ") + " |\n"
        out += "|---|" + Array(repeating: "---:", count: Self.columns.count - 1).joined(separator: "|") + "|\n"
        for row in rows { out += "| " + row.joined(separator: " | ") + " |\n" }
        return out
    }

    /// RFC 4180 CSV.
    public func csv() -> String {
        ([Self.columns] + rows).map { $0.map(CSVWriter.quote).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// JSON: `designs[]` with every figure as a number (null when unknown).
    public func json() -> String {
        let designs: [JSONText] = entries.map { entry in
            let report = entry.report
            let paths = report.paths
            var fields: [String: JSONText] = [
                "design": .string(entry.label),
                "network": .string(report.graph.name),
                "layers": .int(paths.layers.count),
                "params": .int(report.costs.params),
                "macs": .int(report.costs.macs),
                "flops": .int(report.costs.flops),
                "longest_shortest_path": .int(paths.longestShortestPath),
                "longest_shortest_path_layerwise": .int(paths.longestShortestPathLayerwise),
                "longest_path": .int(paths.longestPath),
                "input_shortest": .int(paths.inputShortest),
                "input_longest": .int(paths.inputLongest),
            ]
            if let analysis = report.analysis {
                fields["timestamp_combinations_count"] = .int(analysis.timestampCombinations.count)
                fields["strict_duplication_ratio"] = .decimal(analysis.strictDuplication.ratio)
                fields["source_duplication_ratio"] = .decimal(analysis.sourceDuplication.ratio)
                fields["unreachable_units"] = .array(analysis.unreachableUnits.map { .string($0) })
            }
            return .object(fields)
        }
        return JSONText.object([
            "schema_version": .int(AnalysisReport.schemaVersion),
            "tool": .object(["name": .string("gpath"), "version": .string(AnalysisReport.toolVersion)]),
            "designs": .array(designs),
        ]).rendered() + "\n"
    }
}
