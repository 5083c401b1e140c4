/// The order of JSON object keys that spell integers: as text, the order sorted string keys
/// have (`"10"` before `"2"`), computed on the integers without spelling them.
enum DecimalKeyOrder {
    /// True when the decimal text of `a` sorts before that of `b`.
    ///
    /// For non-negative values below 10^17: with `a` scaled by 10^(digits(b) − digits(a)) (or
    /// `b` by the reverse) both have the same number of digits, so numeric order is text order;
    /// a tie means one text is a prefix of the other, and the shorter sorts first. Other values
    /// compare their text.
    static func precedes(_ a: Int, _ b: Int) -> Bool {
        let limit = 100_000_000_000_000_000
        guard a >= 0, b >= 0, a < limit, b < limit else { return String(a) < String(b) }
        let (digitsA, digitsB) = (digits(a), digits(b))
        if digitsA == digitsB { return a < b }
        if digitsA < digitsB {
            return a * power(digitsB - digitsA) <= b
        }
        return a < b * power(digitsA - digitsB)
    }

    /// Indices of `values` in text order of their decimal spellings; `values` in increasing
    /// numeric order with one digit count (the usual case) come back unchanged, without sorting.
    /// Increasing non-negative values of several digit counts (path lengths 5…120) are merged
    /// in O(n · widths): each width's values are already in text order among themselves.
    static func indices(of values: [Int]) -> [Int] {
        let increasing = values.first.map { $0 >= 0 } ?? true && zip(values, values.dropFirst()).allSatisfy { $0 < $1 }
        guard increasing, let last = values.last, last < 100_000_000_000_000_000 else {
            return values.indices.sorted { precedes(values[$0], values[$1]) }
        }
        if last < 4 * values.count + 16 {
            return denseIndices(of: values, last: last)
        }
        // The runs of one digit count, as ranges of indices: [start of each run…, end].
        var bounds = [0]
        for index in values.indices.dropFirst() where digits(values[index]) != digits(values[index - 1]) {
            bounds.append(index)
        }
        bounds.append(values.count)
        guard bounds.count > 2 else { return Array(values.indices) }
        var next = Array(bounds.dropLast())
        var result: [Int] = []
        result.reserveCapacity(values.count)
        while result.count < values.count {
            var best = -1
            for run in next.indices where next[run] < bounds[run + 1] {
                if best < 0 || precedes(values[next[run]], values[next[best]]) { best = run }
            }
            result.append(next[best])
            next[best] += 1
        }
        return result
    }

    /// ``indices(of:)`` of increasing non-negative `values` up to `last` that fill a good part
    /// of `0...last` (path lengths): the integers `1...last` walked in text order — a
    /// depth-first walk of their digit trie, each step O(1) amortised, no comparisons — keeping
    /// those present. `0`, whose text precedes every other, comes first.
    private static func denseIndices(of values: [Int], last: Int) -> [Int] {
        var slot = [Int32](repeating: -1, count: last + 1)
        for (index, value) in values.enumerated() { slot[value] = Int32(index) }
        var result: [Int] = []
        result.reserveCapacity(values.count)
        if slot[0] >= 0 { result.append(Int(slot[0])) }
        var current = 1
        for _ in 0..<last {
            if slot[current] >= 0 { result.append(Int(slot[current])) }
            if current <= last / 10 {
                current *= 10  // "12" → "120"
            } else {
                if current >= last { current /= 10 }  // past the end of this branch
                current += 1  // "129" → "130", "19" → "20"
                while current % 10 == 0 { current /= 10 }  // "130" → "13" came before: go up
            }
        }
        return result
    }

    /// Decimal digits of `value` (0 ≤ value < 10^17), counted as the writer counts them.
    @inline(__always)
    private static func digits(_ value: Int) -> Int { JSONStreamWriter.decimalDigits(UInt64(value)) }

    @inline(__always)
    private static func power(_ exponent: Int) -> Int { powers[exponent] }

    /// 10^0 … 10^18.
    private static let powers: [Int] = (0...18).reduce(into: []) { table, exponent in
        table.append(exponent == 0 ? 1 : table[exponent - 1] * 10)
    }
}
