/// `--format table`: aligned columns, numbers right-aligned, then a summary block.
public enum TableWriter {
    /// - Parameter bold: wraps the header in ANSI bold (callers pass true only on a TTY).
    public static func write(_ report: AnalysisReport, bold: Bool = false) -> String {
        let table = LayerTable(report)
        var widths = table.columns.map { $0.title.count }
        for row in table.rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                let pad = String(repeating: " ", count: widths[index] - cell.count)
                return table.columns[index].isNumeric ? pad + cell : cell + pad
            }.joined(separator: "  ").replacingTrailingSpaces()
        }
        var out = ""
        let header = line(table.columns.map(\.title))
        out += (bold ? "\u{1B}[1m\(header)\u{1B}[0m" : header) + "\n"
        for row in table.rows { out += line(row) + "\n" }
        out += "\n"
        let summary = Summary(report).lines
        let keyWidth = summary.map(\.key.count).max() ?? 0
        for (key, value) in summary {
            out += key + String(repeating: " ", count: keyWidth - key.count) + "  " + value + "\n"
        }
        return out
    }
}

extension String {
    func replacingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
