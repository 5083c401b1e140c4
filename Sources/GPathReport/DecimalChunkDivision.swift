/// Division of a two-word number by 10^19 — the step that turns a big integer into decimal,
/// nineteen digits at a time — by multiplication with a precomputed reciprocal instead of a
/// 128-bit division (a library call, the cost of a report's exact path counts).
///
/// 10^19 has its top bit set, so the reciprocal `v = ⌊(2^128 − 1) / d⌋ − 2^64` fits a word and
/// Möller and Granlund's "Improved division by invariant integers" (IEEE Trans. Computers 60,
/// 2011, algorithm 4) gives quotient and remainder from one full-width product and two
/// corrections.
enum DecimalChunkDivision {
    /// 10^19, the largest power of ten in a word.
    static let divisor: UInt = 10_000_000_000_000_000_000
    /// `⌊(2^128 − 1) / divisor⌋ − 2^64`: `(2^64 − 1 − d, 2^64 − 1) / d`.
    static let reciprocal: UInt = divisor.dividingFullWidth((high: ~divisor, low: UInt.max)).quotient

    /// `(high · 2^64 + low) / 10^19` and the remainder; `high` must be below 10^19.
    @inline(__always)
    static func divide(high: UInt, low: UInt) -> (quotient: UInt, remainder: UInt) {
        let d = divisor
        let product = reciprocal.multipliedFullWidth(by: high)
        let (q0, carry) = product.low.addingReportingOverflow(low)
        var q1 = product.high &+ high &+ (carry ? 1 : 0) &+ 1
        var r = low &- q1 &* d
        if r > q0 {
            q1 &-= 1
            r &+= d
        }
        if r >= d {
            q1 &+= 1
            r &-= d
        }
        return (q1, r)
    }
}
