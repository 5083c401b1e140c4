import GPathAnalysis

/// `gpath analyze --timestamps`: the paper's Figure 7 grid (rows = timestamps, columns = units,
/// `G<t>` where the unit receives gradient), the timestamp combinations, and each unit's gradient
/// sources (Figure 8).
public enum TimestampGridWriter {
    public static func write(_ analysis: GradientAnalysis) -> String {
        let units = analysis.units
        let maxT = units.compactMap(\.longestPath).max() ?? 0
        var out = ""
        if maxT == 0 {
            out += "no gradient reaches any layer\n"
        } else {
            let header = ["t"] + units.map(\.label)
            var rows: [[String]] = [header]
            for t in 1...maxT {
                rows.append([String(t)] + units.map { $0.timestamps.contains(t) ? "G\(t)" : "" })
            }
            var widths = header.map(\.count)
            for row in rows {
                for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
            }
            for (number, row) in rows.enumerated() {
                let cells = row.enumerated().map { index, cell in
                    cell + String(repeating: " ", count: widths[index] - cell.count)
                }
                out += cells.joined(separator: " | ").replacingTrailingSpaces() + "\n"
                if number == 0 {
                    out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "-+-") + "\n"
                }
            }
        }
        let combinations = analysis.timestampCombinations
        out += "\ntimestamp combinations: \(combinations.count)"
        if !combinations.isEmpty {
            out += "  " + combinations.map { "{" + $0.sorted.map(String.init).joined(separator: ",") + "}" }.joined(separator: " ")
        }
        out += "\nsource combinations: \(analysis.sourceCombinationsCount)\n"
        out += "\ngradient sources (emitter[channels]/emission size, full or part):\n"
        for unit in units {
            if unit.sources.isEmpty {
                out += "  \(unit.label): unreachable\n"
                continue
            }
            out += "  \(unit.label):\n"
            for entry in unit.sources {
                let parts = entry.from.map { "\($0.emitter)\($0.channels)/\($0.of) \($0.isFull ? "full" : "part")" }
                out += "    t=\(entry.t)  " + parts.joined(separator: ", ") + "\n"
            }
        }
        return out
    }
}
