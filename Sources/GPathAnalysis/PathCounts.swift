import BigInt

/// Exact number of gradient paths of each length, for the lengths `lengthRange`.
///
/// Counts are arbitrary-precision (an n-block ResNet has 2^n paths to its input) and stored in
/// decimal: each count is `width` limbs of base 10^18, least significant first, every count of
/// one tally in one flat array. Path enumeration only adds counts, which costs the same in any
/// base, while the report prints every count in decimal — with binary limbs that printing was a
/// division per limb per 19 digits (quadratic in the count's size) and most of a full report's
/// time; with decimal limbs it is a copy of 18 digits per limb.
///
/// The layout is canonical — `width` is the number of limbs the largest count needs, and the
/// first and last lengths have paths — so equal tallies compare equal.
public struct PathCounts: Hashable, Sendable {
    /// Base of a limb: 10^18, so the sum of two limbs and a carry fits in 64 bits.
    public static let limbBase: UInt64 = 1_000_000_000_000_000_000
    /// Decimal digits per limb.
    public static let limbDigits = 18

    /// Length of the first count.
    private var offset = 0
    /// Limbs per count (0 when empty).
    private var width = 0
    /// `count(offset + k)` is `limbs[k * width ..< (k + 1) * width]`.
    private var limbs: [UInt64] = []

    public init() {}

    /// One path of length `length`.
    public init(single length: Int) {
        offset = length
        width = 1
        limbs = [1]
    }

    public var isEmpty: Bool { limbs.isEmpty }

    /// The lengths counted, from the shortest to the longest path (a length inside may have
    /// no path: its limbs are zero).
    public var lengthRange: Range<Int> { offset..<(offset + lengthCount) }

    private var lengthCount: Int { width == 0 ? 0 : limbs.count / width }

    /// Calls `body` with every count's limbs in one buffer, `width` limbs per count: the count
    /// of paths of length `length` (in ``lengthRange``) is
    /// `limbs[(length - lengthRange.lowerBound) * width ..< … + width]`, base 10^18, least
    /// significant first, possibly with leading zero limbs (all zero: no path of that length).
    public func withLimbs<Result>(_ body: (_ limbs: UnsafeBufferPointer<UInt64>, _ width: Int) throws -> Result) rethrows -> Result {
        try limbs.withUnsafeBufferPointer { try body($0, width) }
    }

    private func limbs(ofLength length: Int) -> ArraySlice<UInt64> {
        let start = (length - offset) * width
        return limbs[start..<(start + width)]
    }

    /// Total number of paths.
    public var total: BigUInt {
        guard !isEmpty else { return 0 }
        // Fewer than 10^18 counts below base^width each: one more limb holds their sum.
        var sum = [UInt64](repeating: 0, count: width + 1)
        for start in stride(from: 0, to: limbs.count, by: width) {
            Self.add(limbs[start..<(start + width)], into: &sum)
        }
        return Self.bigUInt(sum[...])
    }

    /// (length, count) pairs with count > 0, by increasing length.
    public var entries: [(length: Int, count: BigUInt)] {
        lengthRange.compactMap { length in
            let count = limbs(ofLength: length)
            return count.allSatisfy { $0 == 0 } ? nil : (length, Self.bigUInt(count))
        }
    }

    /// The lengths that occur.
    public var lengths: TimestampSet {
        TimestampSet(lengthRange.filter { length in limbs(ofLength: length).contains { $0 != 0 } })
    }

    /// Adds `other`'s paths, each made `shift` layers longer.
    public mutating func add(_ other: PathCounts, shiftedBy shift: Int = 0) {
        guard !other.isEmpty else { return }
        let otherOffset = other.offset + shift
        guard !isEmpty else {
            self = other
            offset = otherOffset
            return
        }
        let lower = Swift.min(offset, otherOffset)
        let upper = Swift.max(offset + lengthCount, otherOffset + other.lengthCount)
        if lower < offset || upper > offset + lengthCount || other.width > width {
            relayout(lower: lower, upper: upper, width: Swift.max(width, other.width))
        }
        var overflowed: [Int] = []
        let (base, width, otherWidth) = (Self.limbBase, width, other.width)
        let first = otherOffset - offset
        limbs.withUnsafeMutableBufferPointer { target in
            other.limbs.withUnsafeBufferPointer { source in
                for k in 0..<other.lengthCount {
                    let into = (first + k) * width, from = k * otherWidth
                    var carry: UInt64 = 0
                    for limb in 0..<otherWidth {
                        let sum = target[into + limb] &+ source[from + limb] &+ carry
                        carry = sum >= base ? 1 : 0
                        target[into + limb] = sum &- carry &* base
                    }
                    var limb = otherWidth
                    while carry != 0, limb < width {
                        let sum = target[into + limb] &+ 1
                        carry = sum == base ? 1 : 0
                        target[into + limb] = sum &- carry &* base
                        limb += 1
                    }
                    if carry != 0 { overflowed.append(first + k) }
                }
            }
        }
        guard !overflowed.isEmpty else { return }
        // Two counts below base^width sum below 2 · base^width: one more limb holds the carry.
        relayout(lower: offset, upper: offset + lengthCount, width: width + 1)
        for k in overflowed { limbs[k * (width + 1) + width] = 1 }
    }

    /// The same paths, each `shift` layers longer.
    public func shifted(by shift: Int) -> PathCounts {
        var copy = self
        copy.offset += shift
        return copy
    }

    /// Moves the counts into a layout for the lengths `lower..<upper`, `width` limbs each.
    private mutating func relayout(lower: Int, upper: Int, width newWidth: Int) {
        var moved = [UInt64](repeating: 0, count: (upper - lower) * newWidth)
        for k in 0..<lengthCount {
            let into = (offset - lower + k) * newWidth
            for limb in 0..<width { moved[into + limb] = limbs[k * width + limb] }
        }
        limbs = moved
        offset = lower
        width = newWidth
    }

    /// `sum += value`, `sum` wide enough for the carry.
    private static func add(_ value: ArraySlice<UInt64>, into sum: inout [UInt64]) {
        var carry: UInt64 = 0
        var limb = 0
        for digit in value {
            let next = sum[limb] &+ digit &+ carry
            carry = next >= limbBase ? 1 : 0
            sum[limb] = next &- carry &* limbBase
            limb += 1
        }
        while carry != 0 {
            let next = sum[limb] &+ 1
            carry = next == limbBase ? 1 : 0
            sum[limb] = next &- carry &* limbBase
            limb += 1
        }
    }

    /// The number whose base-10^18 limbs (least significant first) are `limbs`.
    static func bigUInt(_ limbs: ArraySlice<UInt64>) -> BigUInt {
        var value = BigUInt(0)
        for limb in limbs.reversed() {
            value.multiply(byWord: UInt(limbBase))
            value += BigUInt(UInt(limb))
        }
        return value
    }
}
