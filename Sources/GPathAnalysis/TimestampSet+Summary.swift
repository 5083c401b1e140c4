extension TimestampSet {
    /// A set's size, extremes and parity, found in one pass over its words — taken once, while
    /// the set is in cache, so that a report can tell a set that is one progression (an
    /// interval, or every other length: a residual network's) without reading it again.
    public struct Summary: Sendable, Equatable {
        /// Number of elements.
        public let count: Int
        /// Smallest element; nil for the empty set.
        public let min: Int?
        /// Largest element; nil for the empty set.
        public let max: Int?
        /// Number of even elements.
        public let evenCount: Int
        /// Bit `i` set when `min + i` is an element, `i` < 64 (0 for the empty set): enough to
        /// order most sets of one size and minimum without reading them again.
        public let window: UInt64

        /// The set's ``TimestampSet/progressions`` when they are a single progression of step 1
        /// or 2, which the counts prove: `count` values between `min` and `max` fill the
        /// interval, or, all of one parity, fill every other place of it. Nil otherwise (the
        /// set may still be one progression of another step).
        public var singleProgression: (first: Int, last: Int, step: Int)? {
            guard let min, let max else { return nil }
            if count == max - min + 1 { return (min, max, 1) }
            let ofMinParity = min & 1 == 0 ? evenCount : count - evenCount
            if ofMinParity == count, count == (max - min) / 2 + 1 { return (min, max, 2) }
            return nil
        }
    }

    /// ``Summary`` in one pass over the words.
    public var summary: Summary {
        var count = 0, evenCount = 0
        var lowest: Int?, highest: Int?
        words.withUnsafeBufferPointer { words in
            for index in words.indices {
                let word = words[index]
                guard word != 0 else { continue }
                if lowest == nil { lowest = index * 64 + word.trailingZeroBitCount }
                highest = index * 64 + 63 - word.leadingZeroBitCount
                count += word.nonzeroBitCount
                evenCount += (word & 0x5555_5555_5555_5555).nonzeroBitCount
            }
        }
        return Summary(count: count, min: lowest, max: highest, evenCount: evenCount, window: lowest.map(window(from:)) ?? 0)
    }

    /// The 64 bits of the set from element `start` on: bit `i` says whether `start + i` is an
    /// element.
    func window(from start: Int) -> UInt64 {
        let (word, shift) = (start >> 6, UInt64(start & 63))
        guard word < words.count else { return 0 }
        var window = words[word] >> shift
        if shift != 0, word + 1 < words.count { window |= words[word + 1] << (64 - shift) }
        return window
    }
}
