import GPathAnalysis

/// `gpath render --view compare a.net b.net`: two designs' per-layer shortest and longest
/// gradient paths side by side as one bar chart (e.g. deep vs planned VoVNet). Rows pair layers
/// of the same name (the longest common subsequence of the two name lists, so a layer only one
/// design has gets its own row); bars share one scale; a design's critical layers — those at
/// its longest shortest gradient path — have red shortest-path bars.
///
/// Drawn as one HTML-like table label, so SVG, PNG and PDF all work.
public enum ComparisonChartWriter {
    /// Width in points of the longest bar.
    static let barWidth = 160.0
    /// Above this many layers in either design rows pair layers by position (the name
    /// alignment is quadratic).
    static let alignmentLimit = 3000

    public static let shortestColor = "#3E4A89"
    public static let longestColor = "#35B779"

    public static func write(_ first: AnalysisReport, _ second: AnalysisReport) -> String {
        let a = first.paths.layers
        let b = second.paths.layers
        let rows = align(a.map(\.name), b.map(\.name))
        let largest = max(1, ([first.paths.longestPath, second.paths.longestPath].compactMap { $0 }.max() ?? 1))
        let scale = barWidth / Double(largest)
        let name = "\(first.graph.name) vs \(second.graph.name)"
        var out = "digraph \(DOTQuoting.id(name)) {\n"
        out += "  graph [fontname=\"DejaVu Sans\", fontsize=13, labelloc=t, label=<<B>\(DOTQuoting.html(name))</B>: gradient paths per layer<BR/>"
        out += "<FONT POINT-SIZE=\"10\"><FONT COLOR=\"\(shortestColor)\">■</FONT> shortest gradient path (SGP, "
        out += "<FONT COLOR=\"\(ColorScale.alert)\">red</FONT>: critical) · <FONT COLOR=\"\(longestColor)\">■</FONT> longest gradient path (LGP)</FONT>>];\n"
        out += "  node [shape=plaintext, fontname=\"DejaVu Sans\", fontsize=10, margin=0];\n"
        var table = "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"2\">"
        table += "<TR><TD></TD>" + header(first) + "<TD WIDTH=\"12\"></TD>" + header(second) + "</TR>"
        table += "<TR><TD ALIGN=\"LEFT\"><B>layer</B></TD><TD ALIGN=\"LEFT\"><B>SGP</B></TD><TD ALIGN=\"LEFT\"><B>LGP</B></TD><TD></TD>"
        table += "<TD ALIGN=\"LEFT\"><B>SGP</B></TD><TD ALIGN=\"LEFT\"><B>LGP</B></TD></TR>"
        let criticalA = first.paths.longestShortestPath
        let criticalB = second.paths.longestShortestPath
        for (index, row) in rows.enumerated() {
            let label = row.first.map { a[$0].name } ?? row.second.map { b[$0].name } ?? ""
            let shade = index % 2 == 0 ? " BGCOLOR=\"#f5f5f5\"" : ""
            table += "<TR><TD ALIGN=\"LEFT\"\(shade)><FONT POINT-SIZE=\"9\">\(DOTQuoting.html(label))</FONT></TD>"
            table += bars(row.first.map { a[$0] }, critical: criticalA, scale: scale, shade: shade)
            table += "<TD\(shade)></TD>"
            table += bars(row.second.map { b[$0] }, critical: criticalB, scale: scale, shade: shade) + "</TR>"
        }
        table += "</TABLE>"
        out += "  chart [label=<\(table)>];\n}\n"
        return out
    }

    private static func header(_ report: AnalysisReport) -> String {
        var parts = ["\(report.paths.layers.count) layers"]
        if let value = report.paths.longestShortestPath { parts.append("longest SGP \(value)") }
        if let value = report.paths.longestPath { parts.append("longest LGP \(value)") }
        if let params = report.costs.params { parts.append("\(NumberText.compact(params)) params") }
        return "<TD COLSPAN=\"2\" ALIGN=\"LEFT\"><B>\(DOTQuoting.html(report.graph.name))</B><BR/><FONT POINT-SIZE=\"9\">\(parts.joined(separator: " · "))</FONT></TD>"
    }

    private static func bars(_ layer: LayerGradientPaths?, critical: Int?, scale: Double, shade: String) -> String {
        guard let layer else { return "<TD\(shade)>—</TD><TD\(shade)></TD>" }
        guard let shortest = layer.longestShortestOverChannels, let longest = layer.longest else {
            return "<TD ALIGN=\"LEFT\"\(shade)><I>unreachable</I></TD><TD\(shade)></TD>"
        }
        let low = layer.shortest ?? shortest
        let color = shortest == critical ? ColorScale.alert : shortestColor
        return bar(width: Double(shortest) * scale, color: color, text: NumberText.range(low, shortest), shade: shade)
            + bar(width: Double(longest) * scale, color: longestColor, text: String(longest), shade: shade)
    }

    private static func bar(width: Double, color: String, text: String, shade: String) -> String {
        // Bar, then the value, then a spacer filling up to the longest bar: bars start at the
        // same x in every row.
        let points = max(1, Int(width.rounded()))
        let rest = max(1, Int(barWidth) - points + 1)
        return "<TD ALIGN=\"LEFT\"\(shade)><TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\"><TR>"
            + "<TD BGCOLOR=\"\(color)\" WIDTH=\"\(points)\" HEIGHT=\"10\" FIXEDSIZE=\"TRUE\"></TD>"
            + "<TD ALIGN=\"LEFT\" WIDTH=\"24\" FIXEDSIZE=\"TRUE\" HEIGHT=\"10\"><FONT POINT-SIZE=\"9\"> \(text)</FONT></TD>"
            + "<TD WIDTH=\"\(rest)\" HEIGHT=\"10\" FIXEDSIZE=\"TRUE\"></TD></TR></TABLE></TD>"
    }

    /// Rows pairing equal names in order: the longest common subsequence of `a` and `b`, with
    /// the unpaired names of each side in between (O(|a|·|b|) time and memory; by position
    /// above ``alignmentLimit``).
    static func align(_ a: [String], _ b: [String]) -> [(first: Int?, second: Int?)] {
        guard a.count <= alignmentLimit, b.count <= alignmentLimit else {
            return (0..<max(a.count, b.count)).map { ($0 < a.count ? $0 : nil, $0 < b.count ? $0 : nil) }
        }
        let width = b.count + 1
        var lengths = [Int](repeating: 0, count: (a.count + 1) * width)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lengths[i * width + j] = a[i] == b[j]
                    ? lengths[(i + 1) * width + j + 1] + 1
                    : max(lengths[(i + 1) * width + j], lengths[i * width + j + 1])
            }
        }
        var rows: [(first: Int?, second: Int?)] = []
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                rows.append((i, j))
                i += 1
                j += 1
            } else if j >= b.count || (i < a.count && lengths[(i + 1) * width + j] >= lengths[i * width + j + 1]) {
                rows.append((i, nil))
                i += 1
            } else {
                rows.append((nil, j))
                j += 1
            }
        }
        return rows
    }
}
