/// A set of small non-negative integers (gradient timestamps, path lengths) as a bitset.
///
/// Union, equality and hashing are O(max / 64); iteration is in increasing order.
public struct TimestampSet: Hashable, Sendable, Sequence, Comparable {
    private var words: [UInt64] = []

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

    /// The elements as maximal arithmetic progressions, greedily from the smallest:
    /// `{2, 4, 6, 9}` → `(2, 6, 2), (9, 9, 1)`. A residual network's timestamps — every other
    /// length between its shortest and longest path — are one progression.
    public var progressions: [(first: Int, last: Int, step: Int)] { progressions(limit: .max) }

    /// The first `limit` of ``progressions``, found without looking further.
    public func progressions(limit: Int) -> [(first: Int, last: Int, step: Int)] {
        var result: [(first: Int, last: Int, step: Int)] = []
        guard limit > 0 else { return result }
        forEachProgression { first, last, step in
            result.append((first, last, step))
            return result.count < limit
        }
        return result
    }

    /// Calls `body` with each of ``progressions`` in order, without building an array, until
    /// `body` returns false. A progression is extended a word at a time: runs of consecutive
    /// values skip full words, longer steps compare each word with the bits the progression
    /// expects there.
    public func forEachProgression(_ body: (_ first: Int, _ last: Int, _ step: Int) -> Bool) {
        var position = 0
        while let first = firstElement(atOrAfter: position) {
            guard let second = firstElement(atOrAfter: first + 1) else {
                _ = body(first, first, 1)
                return
            }
            let step = second - first
            let last = step == 1 ? firstAbsent(atOrAfter: second) - 1 : progressionEnd(first: first, step: step, from: second)
            guard body(first, last, step) else { return }
            position = last + 1
        }
    }

    /// The last term of the progression `first, first + step, …` (step ≥ 2) whose terms up
    /// to `last` are present with nothing in between: the next element after each term must
    /// be the next term. Word by word: below the first bit where a word differs from the
    /// terms expected in it, every expected term is present and nothing else is.
    func progressionEnd(first: Int, step: Int, from last: Int) -> Int {
        // The terms within one word, from bit 0: bits 0, step, 2·step… (bit 0 alone if step ≥ 64).
        var pattern: UInt64 = 0
        for bit in stride(from: 0, to: 64, by: step) { pattern |= 1 << UInt64(bit) }
        var last = last
        var index = (last + 1) >> 6
        var valid: UInt64 = ~0 << UInt64((last + 1) & 63)
        // The first term at or after bit 0 of word `index`, as an offset from that bit; one
        // word later it is 64 mod `step` less (plus `step` when that goes below 0).
        var offset = ((first - index * 64) % step + step) % step
        let wordShift = 64 % step
        return words.withUnsafeBufferPointer { words in
            while index < words.count {
                let expected = offset < 64 ? (pattern << UInt64(offset)) & valid : 0
                let difference = (words[index] & valid) ^ expected
                if difference != 0 {
                    let agreeing = expected & ((1 << UInt64(difference.trailingZeroBitCount)) - 1)
                    if agreeing != 0 { last = index * 64 + 63 - agreeing.leadingZeroBitCount }
                    return last
                }
                if expected != 0 { last = index * 64 + 63 - expected.leadingZeroBitCount }
                index += 1
                valid = ~0
                offset -= wordShift
                if offset < 0 { offset += step }
                // A step dividing 64 expects the same word every time (a residual network's
                // every-other-length sets): skip the words equal to it in one tight loop.
                if wordShift == 0, offset < 64 {
                    let full = pattern << UInt64(offset)
                    let start = index
                    while index < words.count, words[index] == full { index += 1 }
                    if index > start { last = (index - 1) * 64 + 63 - full.leadingZeroBitCount }
                }
            }
            return last
        }
    }

    /// The smallest element ≥ `value`, skipping empty words.
    func firstElement(atOrAfter value: Int) -> Int? {
        var index = value >> 6
        guard index < words.count else { return nil }
        var word = words[index] & (~0 << UInt64(value & 63))
        while word == 0 {
            index += 1
            guard index < words.count else { return nil }
            word = words[index]
        }
        return index * 64 + word.trailingZeroBitCount
    }

    /// The smallest non-element ≥ `value`, skipping full words.
    func firstAbsent(atOrAfter value: Int) -> Int {
        var index = value >> 6
        guard index < words.count else { return value }
        var word = ~words[index] & (~0 << UInt64(value & 63))
        while word == 0 {
            index += 1
            guard index < words.count else { return index * 64 }
            word = ~words[index]
        }
        return index * 64 + word.trailingZeroBitCount
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
