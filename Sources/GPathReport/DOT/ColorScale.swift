/// Colours of gpath pictures: a perceptually ordered sequential scale (viridis) for numbers and
/// a categorical palette for gradient emitters.
public enum ColorScale {
    /// Matplotlib's viridis sampled at 10 evenly spaced points (0, 1/9, …, 1). Viridis is
    /// perceptually uniform and monotone in lightness, so it reads in greyscale and for the
    /// common forms of colour blindness; between samples colours are interpolated linearly in
    /// sRGB (the samples are close enough that the error is below one step of 8-bit colour in
    /// lightness order).
    static let viridis: [(Double, Double, Double)] = [
        (0x44, 0x01, 0x54), (0x48, 0x28, 0x78), (0x3E, 0x4A, 0x89), (0x31, 0x68, 0x8E), (0x26, 0x82, 0x8E),
        (0x1F, 0x9E, 0x89), (0x35, 0xB7, 0x79), (0x6D, 0xCD, 0x59), (0xB4, 0xDE, 0x2C), (0xFD, 0xE7, 0x25),
    ]

    /// The viridis colour at `t` ∈ [0, 1] (clamped) as `#rrggbb`: dark purple at 0, yellow at 1.
    public static func sequential(_ t: Double) -> String {
        let clamped = t.isNaN ? 0 : min(1, max(0, t))
        let position = clamped * Double(viridis.count - 1)
        let low = min(Int(position), viridis.count - 2)
        let fraction = position - Double(low)
        let a = viridis[low]
        let b = viridis[low + 1]
        return hex(a.0 + (b.0 - a.0) * fraction, a.1 + (b.1 - a.1) * fraction, a.2 + (b.2 - a.2) * fraction)
    }

    /// Text colour readable on `sequential(t)`: white on the dark half, black on the light one.
    public static func textColor(onSequential t: Double) -> String { t < 0.55 ? "#ffffff" : "#000000" }

    /// Okabe–Ito's colour-blind-safe palette (without black) followed by four Tableau colours:
    /// distinct categories for up to 11 emitters; beyond that colours repeat (the legend names
    /// every emitter).
    static let categorical = [
        "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
        "#8C564B", "#7F7F7F", "#BCBD22", "#17BECF",
    ]

    /// The colour of category number `index` (0-based), cycling through ``categorical``.
    public static func category(_ index: Int) -> String { categorical[index % categorical.count] }

    /// Text colour readable on `category(index)`: black on the light colours, white on the
    /// dark ones (relative luminance below 0.35).
    public static func textColor(onCategory index: Int) -> String {
        let digits = Array(category(index).dropFirst()).compactMap { $0.hexDigitValue }
        guard digits.count == 6 else { return "#000000" }
        func channel(_ at: Int) -> Double { Double(digits[at] * 16 + digits[at + 1]) / 255 }
        let luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
        return luminance < 0.35 ? "#ffffff" : "#000000"
    }

    /// Fill of layers no gradient reaches.
    public static let unreachable = "#d9d9d9"
    /// Outline of critical layers and colour of stop-gradient edges.
    public static let alert = "#d62728"

    private static func hex(_ r: Double, _ g: Double, _ b: Double) -> String {
        let digits = Array("0123456789abcdef")
        var out = "#"
        for value in [r, g, b] {
            let byte = Int(value.rounded())
            out.append(digits[byte / 16])
            out.append(digits[byte % 16])
        }
        return out
    }
}
