/// A set of small non-negative integers (gradient timestamps, path lengths) as a bitset.
///
/// Union, equality and hashing are O(max / 64); iteration is in increasing order.
public struct TimestampSet: Hashable, Sendable, Sequence, Comparable {
    /// Bit `i % 64` of word `i / 64` is set when `i` is an element; no trailing zero words
    /// are promised (a set may carry zero words at the top).
    private(set) var words: [UInt64] = []

    public init() {}

    public init(_ values: some Sequence<Int>) {
        for value in values { insert(value) }
    }

    public var isEmpty: Bool { words.isEmpty }
    public var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    public mutating func insert(_ value: Int) {
        precondition(value >= 0, "timestamps are non-negative")
        let word = value >> 6
        if word >= words.count { words.append(contentsOf: repeatElement(0, count: word - words.count + 1)) }
        words[word] |= 1 << UInt64(value & 63)
    }

    public func contains(_ value: Int) -> Bool {
        let word = value >> 6
        return value >= 0 && word < words.count && words[word] & (1 << UInt64(value & 63)) != 0
    }

    public mutating func formUnion(_ other: TimestampSet) {
        if other.words.count > words.count {
            words.append(contentsOf: repeatElement(0, count: other.words.count - words.count))
        }
        for (index, word) in other.words.enumerated() { words[index] |= word }
    }

    /// Adds every element of `other` plus `shift` (a path one layer longer: `shift` 1).
    /// O(max / 64), word by word.
    public mutating func formUnion(_ other: TimestampSet, shiftedBy shift: Int) {
        precondition(shift >= 0, "timestamps are non-negative")
        guard shift > 0 else { return formUnion(other) }
        guard let top = other.max else { return }
        let wordShift = shift >> 6, bitShift = UInt64(shift & 63)
        let needed = (top + shift) >> 6 + 1
        if needed > words.count { words.append(contentsOf: repeatElement(0, count: needed - words.count)) }
        for (index, word) in other.words.enumerated() where word != 0 {
            let target = index + wordShift
            words[target] |= word << bitShift
            if bitShift != 0, target + 1 < words.count { words[target + 1] |= word >> (64 - bitShift) }
        }
    }

    public func union(_ other: TimestampSet) -> TimestampSet {
        var copy = self
        copy.formUnion(other)
        return copy
    }

    /// Smallest element.
    public var min: Int? {
        for (index, word) in words.enumerated() where word != 0 {
            return index * 64 + word.trailingZeroBitCount
        }
        return nil
    }

    /// Largest element.
    public var max: Int? {
        for (index, word) in words.enumerated().reversed() where word != 0 {
            return index * 64 + 63 - word.leadingZeroBitCount
        }
        return nil
    }

    public func makeIterator() -> Iterator { Iterator(words: words) }

    /// Iterates set bits in increasing order.
    public struct Iterator: IteratorProtocol {
        let words: [UInt64]
        var wordIndex = 0
        var current: UInt64

        init(words: [UInt64]) {
            self.words = words
            self.current = words.first ?? 0
        }

        public mutating func next() -> Int? {
            while wordIndex < words.count {
                if current != 0 {
                    let bit = current.trailingZeroBitCount
                    current &= current - 1
                    return wordIndex * 64 + bit
                }
                wordIndex += 1
                current = wordIndex < words.count ? words[wordIndex] : 0
            }
            return nil
        }
    }

    /// Sorted elements.
    public var sorted: [Int] { Array(self) }

    /// Orders by size, then lexicographically by sorted elements (the report's order for
    /// `timestamp_combinations`).
    ///
    /// Of two sets of one size, the first to differ in sorted order is the one holding the
    /// smallest element of their symmetric difference, found a word at a time.
    public static func < (a: TimestampSet, b: TimestampSet) -> Bool {
        let (countA, countB) = (a.count, b.count)
        if countA != countB { return countA < countB }
        return a.precedesAmongEqualSizes(b)
    }

    /// `self < other` for two sets of the same size, without counting them: the one holding
    /// the smallest element where they differ comes first. O(words up to that element).
    func precedesAmongEqualSizes(_ other: TimestampSet) -> Bool {
        for index in 0..<Swift.min(words.count, other.words.count) {
            let difference = words[index] ^ other.words[index]
            if difference != 0 { return words[index] & difference & (0 &- difference) != 0 }
        }
        // Equal counts and equal shared words: the longer array's remaining words are zero.
        return false
    }

    /// Text for a table cell: ``compactDescription`` up to `limit` elements; above it, the
    /// first progressions (`2..6000 by 2`), then `…` and the largest value when there are more
    /// than four, and the count.
    public func cellDescription(limit: Int = 32) -> String {
        let total = count
        guard total > limit else { return compactDescription }
        let first = progressions(limit: 5)
        var parts = first.prefix(4).map { p in
            p.first == p.last ? "\(p.first)" : p.step == 1 ? "\(p.first)..\(p.last)" : "\(p.first)..\(p.last) by \(p.step)"
        }
        if first.count > 4, let top = max { parts.append("…\(top)") }
        return "\(parts.joined(separator: ",")) (\(total) values)"
    }

    /// Compact text: runs of consecutive values as `a..b`, e.g. `1,3..5,9`.
    public var compactDescription: String {
        var parts: [String] = []
        let values = sorted
        var index = 0
        while index < values.count {
            var end = index
            while end + 1 < values.count, values[end + 1] == values[end] + 1 { end += 1 }
            parts.append(end > index + 1 ? "\(values[index])..\(values[end])" : (end == index + 1 ? "\(values[index]),\(values[end])" : "\(values[index])"))
            index = end + 1
        }
        return parts.joined(separator: ",")
    }
}
