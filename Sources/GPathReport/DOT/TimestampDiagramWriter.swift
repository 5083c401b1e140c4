import GPathAnalysis

/// `gpath render --view timestamps`: the paper's Figure 7 as a picture — units as columns,
/// timestamps as rows, a mark where a unit receives gradient, one coloured swatch per gradient
/// source (the emitter: a loss or a layer) with a legend naming them. Drawn as one HTML-like
/// table label, so every Graphviz device (SVG, PNG, PDF) renders it.
///
/// With more sources than the palette has colours (DenseNet-121 has 58), every swatch also
/// carries its source's number from the legend, so each source stays distinguishable.
///
/// Size: units × longest path cells (pages of 60 units stacked, each only as tall as its own
/// longest path), plus one legend row per emitter.
public enum TimestampDiagramWriter {
    /// Columns of one page of the grid: wider networks (DenseNet-121 has 120 units) are drawn
    /// as several grids stacked top to bottom.
    static let unitsPerPage = 60

    /// Swatches drawn in one cell before the rest is summarised as `+k`.
    static let swatchesPerCell = 6

    public static func write(_ analysis: GradientAnalysis, networkName: String) -> String {
        let units = analysis.units
        let maxT = units.compactMap(\.longestPath).max() ?? 0
        var emitterIndex: [String: Int] = [:]
        var emitters: [String] = []
        for unit in units {
            for reception in unit.receptions where emitterIndex[reception.emitter] == nil {
                emitterIndex[reception.emitter] = emitters.count
                emitters.append(reception.emitter)
            }
        }
        let numbered = emitters.count > ColorScale.categorical.count
        var out = "digraph \(DOTQuoting.id(networkName + " timestamps")) {\n"
        out += "  graph [fontname=\"DejaVu Sans\", fontsize=13, labelloc=t, rankdir=TB, "
        out += "label=<<B>\(DOTQuoting.html(networkName))</B>: gradient timestamps<BR/><FONT POINT-SIZE=\"10\">"
        out += "columns: units · rows: timestamp t (weighted layers crossed) · a mark: the unit receives gradient at t, one colour per source</FONT>>];\n"
        out += "  node [shape=plaintext, fontname=\"DejaVu Sans\", fontsize=10, margin=0];\n"
        // Wide networks are cut into pages of at most `unitsPerPage` columns, stacked, each
        // with its own header row and timestamp column.
        var pages: [String] = []
        for start in stride(from: 0, to: max(units.count, 1), by: unitsPerPage) {
            let page = Array(units[start..<min(start + unitsPerPage, units.count)])
            var grid = "<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"3\" COLOR=\"#bbbbbb\">"
            grid += "<TR><TD BGCOLOR=\"#eeeeee\"><B>t</B></TD>"
            for unit in page {
                let lines = unit.label.split(separator: ".", omittingEmptySubsequences: false).map { DOTQuoting.html(String($0)) }
                grid += "<TD BGCOLOR=\"#eeeeee\" VALIGN=\"BOTTOM\"><FONT POINT-SIZE=\"9\">\(lines.joined(separator: ".<BR/>"))</FONT></TD>"
            }
            grid += "</TR>"
            let pageT = page.compactMap(\.longestPath).max() ?? 0
            if maxT == 0 {
                grid += "<TR><TD COLSPAN=\"\(page.count + 1)\">no gradient reaches any layer</TD></TR>"
            }
            for t in stride(from: 1, through: pageT, by: 1) {
                grid += "<TR><TD BGCOLOR=\"#eeeeee\"><B>\(t)</B></TD>"
                for unit in page { grid += cell(unit, t: t, emitterIndex: emitterIndex, emitters: emitters, numbered: numbered) }
                grid += "</TR>"
            }
            pages.append(grid + "</TABLE>")
        }
        for (number, grid) in pages.enumerated() {
            let id = number == 0 ? "grid" : "grid\(number + 1)"
            out += "  \(id) [label=<\(grid)>];\n"
            if number > 0 { out += "  \(number == 1 ? "grid" : "grid\(number)") -> \(id) [style=invis];\n" }
        }
        let lastGrid = pages.count <= 1 ? "grid" : "grid\(pages.count)"
        var legend = "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"1\" CELLPADDING=\"2\"><TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><B>gradient sources</B></TD></TR>"
        for (index, emitter) in emitters.enumerated() {
            legend += "<TR>" + swatch(index, width: 14, numbered: numbered)
            legend += "<TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\">\(numbered ? "\(index + 1) " : "")\(DOTQuoting.html(emitter))</FONT></TD></TR>"
        }
        legend += "</TABLE>"
        out += "  sources [label=<\(legend)>];\n"
        out += "  \(lastGrid) -> sources [style=invis];\n"
        out += "}\n"
        return out
    }

    /// One source's swatch: its colour, and its number when colours repeat.
    static func swatch(_ index: Int, width: Int, numbered: Bool) -> String {
        let colour = ColorScale.category(index)
        guard numbered else { return "<TD BGCOLOR=\"\(colour)\" WIDTH=\"\(width)\" HEIGHT=\"12\" FIXEDSIZE=\"TRUE\"></TD>" }
        // Wide enough for the number at 7 pt (about 5 pt a digit).
        let numberWidth = max(16, 6 + 5 * String(index + 1).count)
        return "<TD BGCOLOR=\"\(colour)\" WIDTH=\"\(numberWidth)\" HEIGHT=\"12\" FIXEDSIZE=\"TRUE\"><FONT POINT-SIZE=\"7\" COLOR=\"\(ColorScale.textColor(onCategory: index))\">\(index + 1)</FONT></TD>"
    }

    private static func cell(_ unit: UnitAnalysis, t: Int, emitterIndex: [String: Int], emitters: [String], numbered: Bool) -> String {
        var present: [Int] = []
        for reception in unit.receptions where reception.timestamps.contains(t) {
            if let index = emitterIndex[reception.emitter], !present.contains(index) { present.append(index) }
        }
        guard !present.isEmpty else { return "<TD></TD>" }
        present.sort()
        let names = present.map { numbered ? "\($0 + 1) \(emitters[$0])" : emitters[$0] }
        var text = "<TD TOOLTIP=\"\(DOTQuoting.html("\(unit.label) at t=\(t): " + names.joined(separator: ", ")))\">"
        text += "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"1\" CELLPADDING=\"0\"><TR>"
        for index in present.prefix(swatchesPerCell) {
            text += swatch(index, width: 8, numbered: numbered)
        }
        if present.count > swatchesPerCell {
            text += "<TD><FONT POINT-SIZE=\"8\">+\(present.count - swatchesPerCell)</FONT></TD>"
        }
        return text + "</TR></TABLE></TD>"
    }
}
