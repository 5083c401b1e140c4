/// `--format darknet`: darknet's load table for a network read from a `.cfg` — one row per
/// section with its index, type, filters, `size x size/ stride (dil)`, `W x H x C -> W x H x C`
/// and BFLOPs as darknet prints them — plus gpath's `shortest` and `longest` gradient paths of
/// the section's weighted layers, the `Total BFLOPS` line, and gpath's summary.
///
/// Columns are aligned like darknet's (shapes as `%4d x%4d x%4d`, BF as `%5.3f`); `-` marks a
/// weighted section no gradient reaches. Pure: the same report gives the same text.
public enum DarknetTableWriter {
    /// - Parameter sectionTypes: darknet's name of each layer section, by index
    ///   (`DarknetReader.sectionTypes`).
    public static func write(_ report: AnalysisReport, sectionTypes: [String]) -> String {
        let table = DarknetLoadTable(report, sectionTypes: sectionTypes)
        let titles = ["layer", "", "filters", "size/strd(dil)", "input", "", "output", "BF", "shortest", "longest"]
        let rightAligned: Set<Int> = [0, 2, 4, 6, 7, 8, 9]
        var cells: [[String]] = []
        for row in table.rows {
            let paths: (String, String) = row.hasWeights
                ? (row.shortest.map(String.init) ?? "-", row.longest.map(String.init) ?? "-") : ("", "")
            cells.append([
                String(row.index), row.type, row.filters, row.window, row.input, row.input.isEmpty ? "" : "->", row.output,
                row.flops.map(billions) ?? "", paths.0, paths.1,
            ])
        }
        var widths = titles.map(\.count)
        for row in cells {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ row: [String]) -> String {
            row.enumerated().map { index, cell in
                let pad = String(repeating: " ", count: widths[index] - cell.count)
                return rightAligned.contains(index) ? pad + cell : cell + pad
            }.joined(separator: " ").replacingTrailingSpaces()
        }
        var out = line(titles) + "\n"
        for row in cells { out += line(row) + "\n" }
        out += "Total BFLOPS \(billions(table.totalFlops))\n\n"
        let summary = Summary(report).lines
        let keyWidth = summary.map(\.key.count).max() ?? 0
        for (key, value) in summary {
            out += key + String(repeating: " ", count: keyWidth - key.count) + "  " + value + "\n"
        }
        return out
    }

    /// `operations / 1e9` with three decimals, rounded half up (darknet's `%5.3f`).
    public static func billions(_ operations: Int) -> String {
        let thousandths = (operations + 500_000) / 1_000_000
        let fraction = String(thousandths % 1000)
        return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
