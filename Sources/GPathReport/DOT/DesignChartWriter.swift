/// `gpath compare --plot`: the designs of a ``DesignComparison`` as one bar chart — per design,
/// its longest shortest gradient path (the ELAN criterion, red when it is the worst of the set)
/// and its longest gradient path on one shared scale, with layers and params beside them.
///
/// One HTML-like table label, rendered through the same Graphviz path as every picture.
public enum DesignChartWriter {
    static let barWidth = 220.0

    public static func write(_ comparison: DesignComparison, title: String = "design comparison") -> String {
        let entries = comparison.entries
        let largest = max(1, entries.compactMap(\.report.paths.longestPath).max() ?? 1)
        let worst = entries.compactMap(\.report.paths.longestShortestPath).max()
        let scale = barWidth / Double(largest)
        var out = "digraph \(DOTQuoting.id(title)) {\n"
        out += "  graph [fontname=\"DejaVu Sans\", fontsize=13, labelloc=t, label=<<B>\(DOTQuoting.html(title))</B><BR/>"
        out += "<FONT POINT-SIZE=\"10\"><FONT COLOR=\"\(ComparisonChartWriter.shortestColor)\">■</FONT> longest shortest gradient path ("
        out += "<FONT COLOR=\"\(ColorScale.alert)\">red</FONT>: the worst design) · <FONT COLOR=\"\(ComparisonChartWriter.longestColor)\">■</FONT> longest gradient path</FONT>>];\n"
        out += "  node [shape=plaintext, fontname=\"DejaVu Sans\", fontsize=10, margin=0];\n"
        var table = "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"3\">"
        table += "<TR><TD ALIGN=\"LEFT\"><B>design</B></TD><TD ALIGN=\"RIGHT\"><B>layers</B></TD><TD ALIGN=\"RIGHT\"><B>params</B></TD>"
        table += "<TD ALIGN=\"LEFT\"><B>gradient paths</B></TD></TR>"
        for (index, entry) in entries.enumerated() {
            let paths = entry.report.paths
            let shade = index % 2 == 0 ? " BGCOLOR=\"#f5f5f5\"" : ""
            table += "<TR><TD ALIGN=\"LEFT\"\(shade)>\(DOTQuoting.html(entry.label))</TD>"
            table += "<TD ALIGN=\"RIGHT\"\(shade)>\(paths.layers.count)</TD>"
            table += "<TD ALIGN=\"RIGHT\"\(shade)>\(entry.report.costs.params.map { NumberText.compact($0) } ?? "?")</TD>"
            table += "<TD ALIGN=\"LEFT\"\(shade)><TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"1\" CELLPADDING=\"0\">"
            let shortest = paths.longestShortestPath ?? 0
            let color = shortest == worst && entries.count > 1 ? ColorScale.alert : ComparisonChartWriter.shortestColor
            table += "<TR>" + bar(Double(shortest) * scale, color: color, text: String(shortest)) + "</TR>"
            table += "<TR>" + bar(Double(paths.longestPath ?? 0) * scale, color: ComparisonChartWriter.longestColor, text: String(paths.longestPath ?? 0)) + "</TR>"
            table += "</TABLE></TD></TR>"
        }
        table += "</TABLE>"
        return out + "  chart [label=<\(table)>];\n}\n"
    }

    /// One bar in its own one-row table (so bars of different lengths never share a column),
    /// padded to the full bar width so every bar starts at the same x.
    private static func bar(_ width: Double, color: String, text: String) -> String {
        let points = max(1, Int(width.rounded()))
        let rest = max(1, Int(barWidth) - points + 1)
        return "<TD ALIGN=\"LEFT\"><TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\"><TR>"
            + "<TD BGCOLOR=\"\(color)\" WIDTH=\"\(points)\" HEIGHT=\"10\" FIXEDSIZE=\"TRUE\"></TD>"
            + "<TD ALIGN=\"LEFT\" WIDTH=\"28\" HEIGHT=\"10\" FIXEDSIZE=\"TRUE\"><FONT POINT-SIZE=\"9\"> \(text)</FONT></TD>"
            + "<TD WIDTH=\"\(rest)\" HEIGHT=\"10\" FIXEDSIZE=\"TRUE\"></TD></TR></TABLE></TD>"
    }
}
