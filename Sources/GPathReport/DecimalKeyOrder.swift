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

    private static func digits(_ value: Int) -> Int {
        var digits = 1
        var bound = 10
        while digits < 18, value >= bound {
            digits += 1
            bound *= 10
        }
        return digits
    }

    private static func power(_ exponent: Int) -> Int {
        var result = 1
        for _ in 0..<exponent { result *= 10 }
        return result
    }
}
