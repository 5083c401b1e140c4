import GPathAnalysis

/// `gpath analyze --units`: every channel unit with its timestamps, path figures and sources.
public enum UnitsWriter {
    public static func write(_ analysis: GradientAnalysis) -> String {
        var rows: [[String]] = [["unit", "channels", "timestamps", "shortest", "longest", "paths", "sources"]]
        for unit in analysis.units {
            let sources = Set(unit.receptions.map(\.emitter))
            rows.append([
                unit.label, unit.channels.description,
                unit.timestamps.isEmpty ? "-" : unit.timestamps.cellDescription(),
                unit.shortestPath.map(String.init) ?? "-", unit.longestPath.map(String.init) ?? "-",
                String(unit.pathCounts.total), NaturalOrder.sorted(sources).joined(separator: ","),
            ])
        }
        return aligned(rows)
    }

    static func aligned(_ rows: [[String]]) -> String {
        guard let first = rows.first else { return "" }
        var widths = first.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        return rows.map { row in
            row.enumerated().map { $1 + String(repeating: " ", count: widths[$0] - $1.count) }
                .joined(separator: "  ").replacingTrailingSpaces()
        }.joined(separator: "\n") + "\n"
    }
}

/// `gpath analyze --paths LAYER`: the layer's (and each unit's) path-length distribution.
public enum PathDistributionWriter {
    public static func write(_ layer: LayerAnalysis) -> String {
        var out = "gradient paths ending at \(layer.name): \(layer.pathCounts.total)\n"
        var rows: [[String]] = [["length", "paths", "share"]]
        let total = Double(String(layer.pathCounts.total)) ?? 0
        for entry in layer.pathCounts.entries {
            let share = total > 0 ? (Double(String(entry.count)) ?? 0) / total : 0
            let bar = String(repeating: "#", count: Int((share * 40).rounded()))
            let percent = (share * 1000).rounded() / 10
            rows.append([String(entry.length), String(entry.count), "\(percent)% " + bar])
        }
        out += UnitsWriter.aligned(rows)
        if layer.units.count > 1 {
            for unit in layer.units {
                let text = unit.pathCounts.entries.map { "\($0.length):\($0.count)" }.joined(separator: " ")
                out += "  \(unit.label): \(text.isEmpty ? "unreachable" : text)\n"
            }
        }
        return out
    }
}
