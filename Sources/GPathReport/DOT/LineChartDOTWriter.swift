/// The loss chart of ``LineChartWriter`` as DOT with every node pinned (`pos="x,y!"`, points),
/// for Graphviz's `nop` layout: the same chart through the same in-process rendering path as
/// every picture, so it can be written as PNG or PDF as well as SVG.
///
/// Axes, ticks and labels are pinned plaintext nodes; each series is a chain of invisible
/// points joined by straight edges in its colour.
public enum LineChartDOTWriter {
    public static func write(title: String, xLabel: String, yLabel: String, series: [ChartSeries], width: Int = 720, height: Int = 420) -> String {
        let finite = series.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite }
        let (left, right, top, bottom) = (70.0, 20.0, 40.0, 50.0)
        let plotWidth = Double(width) - left - right
        let plotHeight = Double(height) - top - bottom
        let xTicks = LineChartWriter.ticks(finite.map(\.x).min() ?? 0, finite.map(\.x).max() ?? 1)
        let yTicks = LineChartWriter.ticks(min(0, finite.map(\.y).min() ?? 0), finite.map(\.y).max() ?? 1)
        let (x0, x1) = (xTicks.first ?? 0, xTicks.last ?? 1)
        let (y0, y1) = (yTicks.first ?? 0, yTicks.last ?? 1)
        // Graphviz's y axis points up: y = 0 is the bottom of the picture.
        func px(_ x: Double) -> Double { left + (x - x0) / max(1e-12, x1 - x0) * plotWidth }
        func py(_ y: Double) -> Double { bottom + (y - y0) / max(1e-12, y1 - y0) * plotHeight }
        var out = "digraph chart {\n"
        out += "  graph [bgcolor=white, pad=0.1, splines=line, outputorder=edgesfirst, fontname=\"DejaVu Sans\"];\n"
        out += "  node [shape=plaintext, fontname=\"DejaVu Sans\", fontsize=10, width=0, height=0, margin=0, label=\"\"];\n"
        out += "  edge [arrowhead=none, penwidth=1.5];\n"
        var count = 0
        func node(_ x: Double, _ y: Double, _ attributes: String) -> String {
            count += 1
            out += "  n\(count) [pos=\"\(LineChartWriter.fmt(x)),\(LineChartWriter.fmt(y))!\", \(attributes)];\n"
            return "n\(count)"
        }
        func line(_ a: (Double, Double), _ b: (Double, Double), color: String, width: Double = 1) {
            let first = node(a.0, a.1, "shape=point, width=0.01, style=invis")
            let second = node(b.0, b.1, "shape=point, width=0.01, style=invis")
            out += "  \(first) -> \(second) [color=\"\(color)\", penwidth=\(width)];\n"
        }
        _ = node(Double(width) / 2, Double(height) - 18, "label=\(DOTQuoting.string(title)), fontsize=14")
        for t in yTicks {
            line((left, py(t)), (left + plotWidth, py(t)), color: "#e5e5e5")
            _ = node(left - 8, py(t), "label=\(DOTQuoting.string(LineChartWriter.label(t))), labeljust=r")
        }
        for t in xTicks {
            line((px(t), bottom), (px(t), bottom - 5), color: "#333333")
            _ = node(px(t), bottom - 16, "label=\(DOTQuoting.string(LineChartWriter.label(t)))")
        }
        let corners = [(left, bottom), (left + plotWidth, bottom), (left + plotWidth, bottom + plotHeight), (left, bottom + plotHeight)]
        for index in 0..<4 { line(corners[index], corners[(index + 1) % 4], color: "#333333") }
        _ = node(left + plotWidth / 2, 14, "label=\(DOTQuoting.string(xLabel))")
        _ = node(24, bottom + plotHeight / 2, "label=\(DOTQuoting.string(yLabel))")
        for (index, s) in series.enumerated() {
            let points = s.points.filter { $0.x.isFinite && $0.y.isFinite }
            var previous: String?
            for p in points {
                let style = s.markers ? "shape=circle, width=0.08, style=filled, color=\"\(s.color)\"" : "shape=point, width=0.01, style=invis"
                let current = node(px(p.x), py(p.y), style)
                if let previous, !s.markers { out += "  \(previous) -> \(current) [color=\"\(s.color)\"];\n" }
                previous = current
            }
            let legendY = bottom + plotHeight - 12 - Double(index) * 16
            line((left + plotWidth - 150, legendY), (left + plotWidth - 130, legendY), color: s.color, width: 2)
            _ = node(left + plotWidth - 124 + 40, legendY, "label=\(DOTQuoting.string(s.name))")
        }
        return out + "}\n"
    }
}
