import Foundation
/// `--format markdown`: the per-layer table as a GitHub-flavoured Markdown table, no
/// decorations, ready to paste into a pull request.
public enum MarkdownWriter {
    public static func write(_ report: AnalysisReport) -> String {
        let table = LayerTable(report)
        var out = "| " + table.columns.map(\.title).joined(separator: " | ") + " |\n"
        out += "|" + table.columns.map { $0.isNumeric ? "---:" : "---" }.joined(separator: "|") + "|\n"
        for row in table.rows {
            out += "| " + row.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n"
        }
        return out
    }
}

/// `--format csv`: RFC 4180, one header row, one row per layer.
public enum CSVWriter {
    public static func write(_ report: AnalysisReport) -> String {
        let table = LayerTable(report)
        var out = table.columns.map { quote($0.title) }.joined(separator: ",") + "\n"
        for row in table.rows { out += row.map(quote).joined(separator: ",") + "\n" }
        return out
    }

    public static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
