extension TimestampSet {
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
    /// `body` returns false.
    ///
    /// Runs of consecutive values skip full words. A longer step is first checked on its third
    /// term (most progressions of an irregular set end at their second), and only then
    /// extended a word at a time.
    public func forEachProgression(_ body: (_ first: Int, _ last: Int, _ step: Int) -> Bool) {
        words.withUnsafeBufferPointer { buffer in
            let bits = BitWords(words: buffer)
            var next = bits.firstElement(atOrAfter: 0)
            while let first = next {
                guard let second = bits.firstElement(atOrAfter: first + 1) else {
                    _ = body(first, first, 1)
                    return
                }
                let step = second - first
                let last: Int
                if step == 1 {
                    last = bits.firstAbsent(atOrAfter: second) - 1
                    next = bits.firstElement(atOrAfter: last + 2)
                } else {
                    let third = bits.firstElement(atOrAfter: second + 1)
                    if third == second + step {
                        last = bits.progressionEnd(first: first, step: step, from: second + step)
                        next = bits.firstElement(atOrAfter: last + 1)
                    } else {
                        last = second
                        next = third
                    }
                }
                guard body(first, last, step) else { return }
            }
        }
    }
}

/// Word-at-a-time searches over a bit set's words (bit `i % 64` of word `i / 64` is `i`).
struct BitWords {
    let words: UnsafeBufferPointer<UInt64>

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

    /// The last term of the progression `first, first + step, …` (step ≥ 2) whose terms up
    /// to `last` are present with nothing in between: the next element after each term must
    /// be the next term. Word by word: below the first bit where a word differs from the
    /// terms expected in it, every expected term is present and nothing else is.
    func progressionEnd(first: Int, step: Int, from last: Int) -> Int {
        // The terms within one word, from bit 0: bits 0, step, 2·step… (bit 0 alone if
        // step ≥ 64), by doubling the span covered.
        var pattern: UInt64 = 1
        var span = step
        while span < 64 {
            pattern |= pattern << UInt64(span)
            span <<= 1
        }
        var last = last
        var index = (last + 1) >> 6
        var valid: UInt64 = ~0 << UInt64((last + 1) & 63)
        // The first term at or after bit 0 of word `index`, as an offset from that bit; one
        // word later it is 64 mod `step` less (plus `step` when that goes below 0).
        var offset = ((first - index * 64) % step + step) % step
        let wordShift = 64 % step
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
