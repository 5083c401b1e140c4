/// The largest sizes gpath accepts from any input, in one place (`docs/reliability.md` lists
/// them with their diagnostic codes).
///
/// Every size a file can set — channels, spatial size, kernel, stride, padding, dilation,
/// upsample scale, groups, ONNX dims — is at most ``maximumExtent``; the verifier reports a
/// node or attribute beyond it as E217 (``DiagnosticCode/sizeLimit``) at the node's location,
/// and the readers check their own numbers against the same value before doing arithmetic
/// with them. With every factor at most 2^30, a tensor's element count (≤ 2^90) can still
/// overflow `Int`; shape and cost arithmetic therefore saturates (``Int/saturatingMultiplied(by:)``)
/// instead of trapping, and the limit check turns a saturated shape into a located error.
public enum Limits {
    /// Channels, height and width of a tensor; kernel, stride, padding, dilation, upsample
    /// scale and groups of an op: 2^30 (1,073,741,824).
    public static let maximumExtent = 1 << 30

    /// Deepest bracket nesting a YAML input (YOLO model, `.gpath.yml`) may have before it is
    /// handed to the YAML parser, which recurses once per level.
    public static let maximumNesting = 256

    /// True when `value` is a usable size: between 0 and ``maximumExtent``.
    public static func isWithinExtent(_ value: Int) -> Bool { value >= 0 && value <= maximumExtent }

    /// `2**30`, as limits are written in messages.
    public static let extentDescription = "2**30"
}

extension Int {
    /// `self × other`, saturating at `Int.max` / `Int.min` instead of trapping on overflow.
    public func saturatingMultiplied(by other: Int) -> Int {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        guard overflow else { return product }
        return (self < 0) == (other < 0) ? .max : .min
    }

    /// `self + other`, saturating at `Int.max` / `Int.min` instead of trapping on overflow.
    public func saturatingAdding(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        guard overflow else { return sum }
        return other > 0 ? .max : .min
    }

    /// `self − other`, saturating at `Int.max` / `Int.min` instead of trapping on overflow.
    public func saturatingSubtracting(_ other: Int) -> Int {
        let (difference, overflow) = subtractingReportingOverflow(other)
        guard overflow else { return difference }
        return other < 0 ? .max : .min
    }
}
