/// Short number spellings for picture labels, where space is tight: `928`, `9.3k`, `11.7M`,
/// `1.8G`. Deterministic (no locale).
enum NumberText {
    /// Three significant figures at most, with a k/M/G/T suffix.
    static func compact(_ value: Int) -> String {
        let magnitude = abs(value)
        if magnitude < 1000 { return String(value) }
        let suffixes: [(Double, String)] = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")]
        for (scale, suffix) in suffixes where Double(magnitude) >= scale {
            let scaled = Double(value) / scale
            let decimals = abs(scaled) >= 100 ? 0 : 1
            return fixed(scaled, decimals: decimals) + suffix
        }
        return String(value)
    }

    /// `a` when both ends agree, else `a–b`.
    static func range(_ low: Int, _ high: Int) -> String { low == high ? String(low) : "\(low)–\(high)" }

    /// `value` with `decimals` digits after the point, trailing `.0` dropped.
    static func fixed(_ value: Double, decimals: Int) -> String {
        var factor = 1.0
        for _ in 0..<decimals { factor *= 10 }
        let rounded = (value * factor).rounded() / factor
        if decimals == 0 || rounded == rounded.rounded() { return String(Int(rounded)) }
        let whole = Int(rounded)
        let fraction = Int((abs(rounded - Double(whole)) * factor).rounded())
        let fractionText = String(fraction)
        return "\(rounded < 0 && whole == 0 ? "-" : "")\(whole)." + String(repeating: "0", count: decimals - fractionText.count) + fractionText
    }
}
