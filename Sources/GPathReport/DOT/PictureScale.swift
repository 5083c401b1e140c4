import Foundation

/// The colour scale of one picture: the colour metric's smallest and largest value over the
/// drawn layers and blocks, mapped onto viridis (linearly, or logarithmically for params and
/// FLOPs, which span orders of magnitude).
struct PictureScale {
    let metric: PictureOptions.ColorMetric
    let low: Int
    let high: Int

    /// nil when no drawn node has a value (no layers, or the metric is unknown everywhere).
    init?(metric: PictureOptions.ColorMetric, values: [Int]) {
        guard let low = values.min(), let high = values.max() else { return nil }
        self.metric = metric
        self.low = low
        self.high = high
    }

    /// Position of `value` on the scale, in [0, 1]; 0 when every value is the same.
    func position(_ value: Int) -> Double {
        guard high > low else { return 0 }
        if metric.isLogarithmic {
            let a = log(Double(max(low, 0)) + 1)
            let b = log(Double(max(high, 0)) + 1)
            return b > a ? (log(Double(max(value, 0)) + 1) - a) / (b - a) : 0
        }
        return Double(value - low) / Double(high - low)
    }

    /// Fill colour of a node with `value`.
    func fill(_ value: Int) -> String { ColorScale.sequential(position(value)) }
    /// Text colour on that fill.
    func text(_ value: Int) -> String { ColorScale.textColor(onSequential: position(value)) }

    /// The values shown in the legend: every integer when there are at most 12 of them on a
    /// linear scale, otherwise five evenly spaced stops (ends included).
    var stops: [Int] {
        if !metric.isLogarithmic, high - low <= 11 { return Array(low...high) }
        var result: [Int] = []
        for step in 0...4 {
            let t = Double(step) / 4
            let value: Int
            if metric.isLogarithmic {
                let a = log(Double(max(low, 0)) + 1)
                let b = log(Double(max(high, 0)) + 1)
                value = Int((exp(a + (b - a) * t) - 1).rounded())
            } else {
                value = low + Int((Double(high - low) * t).rounded())
            }
            if result.last != value { result.append(value) }
        }
        return result
    }

    /// A value as written in the legend.
    func text(forStop value: Int) -> String {
        metric.isLogarithmic ? NumberText.compact(value) : String(value)
    }
}
