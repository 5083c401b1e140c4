import Foundation

/// One line of a chart.
public struct ChartSeries: Sendable, Equatable {
    public var name: String
    public var points: [(x: Double, y: Double)]
    /// A CSS colour (`#1f77b4`).
    public var color: String
    /// Draw markers at the points instead of only a line (for sparse series).
    public var markers: Bool

    public init(name: String, points: [(x: Double, y: Double)], color: String, markers: Bool = false) {
        self.name = name
        self.points = points
        self.color = color
        self.markers = markers
    }

    public static func == (a: ChartSeries, b: ChartSeries) -> Bool {
        a.name == b.name && a.color == b.color && a.markers == b.markers
            && a.points.map(\.x) == b.points.map(\.x) && a.points.map(\.y) == b.points.map(\.y)
    }
}

/// A small, dependency-free SVG line chart (loss curves): axes with "nice" ticks, one polyline
/// per series, a legend. Pure and deterministic: the same series give the same bytes.
/// Non-finite points are dropped.
public enum LineChartWriter {
    public static func svg(title: String, xLabel: String, yLabel: String, series: [ChartSeries], width: Int = 720, height: Int = 420) -> String {
        let finite = series.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite }
        let (left, right, top, bottom) = (70.0, 20.0, 40.0, 50.0)
        let plotWidth = Double(width) - left - right
        let plotHeight = Double(height) - top - bottom
        let xTicks = ticks(finite.map(\.x).min() ?? 0, finite.map(\.x).max() ?? 1)
        let yTicks = ticks(min(0, finite.map(\.y).min() ?? 0), finite.map(\.y).max() ?? 1)
        let (x0, x1) = (xTicks.first ?? 0, xTicks.last ?? 1)
        let (y0, y1) = (yTicks.first ?? 0, yTicks.last ?? 1)
        func px(_ x: Double) -> Double { left + (x - x0) / max(1e-12, x1 - x0) * plotWidth }
        func py(_ y: Double) -> Double { top + plotHeight - (y - y0) / max(1e-12, y1 - y0) * plotHeight }
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" font-family="sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(fmt(Double(width) / 2))" y="22" text-anchor="middle" font-size="15">\(escape(title))</text>

            """
        for t in yTicks {
            out += "<line x1=\"\(fmt(left))\" y1=\"\(fmt(py(t)))\" x2=\"\(fmt(left + plotWidth))\" y2=\"\(fmt(py(t)))\" stroke=\"#e5e5e5\"/>\n"
            out += "<text x=\"\(fmt(left - 6))\" y=\"\(fmt(py(t) + 4))\" text-anchor=\"end\">\(label(t))</text>\n"
        }
        for t in xTicks {
            out += "<line x1=\"\(fmt(px(t)))\" y1=\"\(fmt(top + plotHeight))\" x2=\"\(fmt(px(t)))\" y2=\"\(fmt(top + plotHeight + 5))\" stroke=\"#333\"/>\n"
            out += "<text x=\"\(fmt(px(t)))\" y=\"\(fmt(top + plotHeight + 18))\" text-anchor=\"middle\">\(label(t))</text>\n"
        }
        out += "<rect x=\"\(fmt(left))\" y=\"\(fmt(top))\" width=\"\(fmt(plotWidth))\" height=\"\(fmt(plotHeight))\" fill=\"none\" stroke=\"#333\"/>\n"
        out += "<text x=\"\(fmt(left + plotWidth / 2))\" y=\"\(fmt(Double(height) - 12))\" text-anchor=\"middle\">\(escape(xLabel))</text>\n"
        out += "<text x=\"16\" y=\"\(fmt(top + plotHeight / 2))\" text-anchor=\"middle\" transform=\"rotate(-90 16 \(fmt(top + plotHeight / 2)))\">\(escape(yLabel))</text>\n"
        for (index, s) in series.enumerated() {
            let points = s.points.filter { $0.x.isFinite && $0.y.isFinite }
            let path = points.map { "\(fmt(px($0.x))),\(fmt(py($0.y)))" }.joined(separator: " ")
            if !points.isEmpty {
                out += "<polyline fill=\"none\" stroke=\"\(s.color)\" stroke-width=\"1.5\" points=\"\(path)\"/>\n"
            }
            if s.markers {
                for p in points {
                    out += "<circle cx=\"\(fmt(px(p.x)))\" cy=\"\(fmt(py(p.y)))\" r=\"3\" fill=\"\(s.color)\"/>\n"
                }
            }
            let ly = top + 14 + Double(index) * 16
            out += "<line x1=\"\(fmt(left + plotWidth - 150))\" y1=\"\(fmt(ly - 4))\" x2=\"\(fmt(left + plotWidth - 130))\" y2=\"\(fmt(ly - 4))\" stroke=\"\(s.color)\" stroke-width=\"2\"/>\n"
            out += "<text x=\"\(fmt(left + plotWidth - 124))\" y=\"\(fmt(ly))\">\(escape(s.name))</text>\n"
        }
        return out + "</svg>\n"
    }

    /// About five round tick values (1, 2 or 5 × 10ᵏ apart) covering [low, high].
    static func ticks(_ low: Double, _ high: Double) -> [Double] {
        let span = high > low ? high - low : max(1, abs(high))
        let raw = span / 5
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        let start = floor(low / step) * step
        var values = [start]
        while let last = values.last, last < high - step * 1e-9, values.count < 50 {
            values.append(((last + step) / step).rounded() * step)
        }
        if values.count < 2 { values.append(start + step) }
        return values
    }

    static func fmt(_ value: Double) -> String { String(format: "%.1f", value) }

    static func label(_ value: Double) -> String {
        let text = String(format: "%.4g", value)
        return text == "-0" ? "0" : text
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
