import GPathAnalysis
import GPathTestSupport
import Testing

/// ``TimestampSet``'s word-at-a-time progressions and order against element-by-element
/// definitions, on seeded sets built from progressions of many steps across word boundaries.
struct TimestampSetTests {
    /// A few progressions (steps 1 to 130, some past a word) with stray values among them.
    static func structuredSet(_ random: inout SeededGenerator) -> TimestampSet {
        var set = TimestampSet()
        for _ in 0..<Int.random(in: 0...4, using: &random) {
            let step = [1, 2, 3, 5, 7, 32, 63, 64, 65, 130].randomElement(using: &random) ?? 1
            let first = Int.random(in: 0..<300, using: &random)
            let terms = Int.random(in: 1..<60, using: &random)
            for term in 0..<terms { set.insert(first + term * step) }
        }
        for _ in 0..<Int.random(in: 0...3, using: &random) { set.insert(Int.random(in: 0..<2_000, using: &random)) }
        return set
    }

    /// Greedy maximal progressions over the sorted elements, one element at a time.
    static func expectedProgressions(_ values: [Int]) -> [[Int]] {
        var result: [[Int]] = []
        var index = 0
        while index < values.count {
            guard index + 1 < values.count else {
                result.append([values[index], values[index], 1])
                break
            }
            let step = values[index + 1] - values[index]
            var end = index + 1
            while end + 1 < values.count, values[end + 1] - values[end] == step { end += 1 }
            result.append([values[index], values[end], step])
            index = end + 1
        }
        return result
    }

    @Test("progressions equal the element-by-element greedy ones; a limit takes their prefix", arguments: Array(UInt64(1)...300))
    func progressions(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let set = Self.structuredSet(&random)
        let expected = Self.expectedProgressions(set.sorted)
        #expect(set.progressions.map { [$0.first, $0.last, $0.step] } == expected, "seed \(seed)")
        let limit = Int.random(in: 0...3, using: &random)
        #expect(set.progressions(limit: limit).map { [$0.first, $0.last, $0.step] } == Array(expected.prefix(limit)), "seed \(seed)")
    }

    /// Irregular sets — each value present with a seeded density — where most progressions
    /// end at their second term, and short runs of a step meet words' edges.
    @Test("progressions of irregular sets equal the greedy ones", arguments: Array(UInt64(1)...100))
    func irregularProgressions(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let density = [0.05, 0.3, 0.6, 0.9][Int(seed % 4)]
        let values = (0..<Int.random(in: 1...400, using: &random)).filter { _ in Double.random(in: 0..<1, using: &random) < density }
        let set = TimestampSet(values)
        #expect(set.progressions.map { [$0.first, $0.last, $0.step] } == Self.expectedProgressions(values), "seed \(seed)")
    }

    /// A seeded set of either kind, or a progression of step 1 or 2 (which the summary proves).
    static func anySet(_ random: inout SeededGenerator, seed: UInt64) -> TimestampSet {
        switch seed % 3 {
        case 0: return structuredSet(&random)
        case 1:
            let first = Int.random(in: 0..<200, using: &random), step = Int.random(in: 1...2, using: &random)
            return TimestampSet(stride(from: first, through: first + step * Int.random(in: 0..<300, using: &random), by: step))
        default: return TimestampSet((0..<Int.random(in: 1...300, using: &random)).filter { _ in Bool.random(using: &random) })
        }
    }

    @Test("summary: count, extremes and evens as counted element by element; a single progression exactly when the greedy progressions are one of step 1 or 2", arguments: Array(UInt64(1)...150))
    func summary(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let set = Self.anySet(&random, seed: seed)
        let values = set.sorted
        let summary = set.summary
        #expect(summary.count == values.count && summary.min == values.first && summary.max == values.last, "seed \(seed)")
        #expect(summary.evenCount == values.filter { $0 % 2 == 0 }.count, "seed \(seed)")
        let window = (0..<64).reduce(UInt64(0)) { bits, i in set.contains((values.first ?? 0) + i) ? bits | 1 << UInt64(i) : bits }
        #expect(summary.window == (values.isEmpty ? 0 : window), "seed \(seed)")
        let greedy = Self.expectedProgressions(values)
        let provable = greedy.count == 1 && greedy[0][2] <= 2
        #expect(summary.singleProgression.map { [$0.first, $0.last, $0.step] } == (provable ? greedy[0] : nil), "seed \(seed)")
    }

    @Test("order: by size, then by sorted elements", arguments: Array(UInt64(1)...200))
    func order(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let a = Self.structuredSet(&random)
        // Often the same size: `a` with one element moved.
        var b = a
        if seed % 2 == 0, let moved = a.sorted.randomElement(using: &random) {
            b = TimestampSet(a.sorted.filter { $0 != moved })
            b.insert(Int.random(in: 0..<700, using: &random))
        } else {
            b = Self.structuredSet(&random)
        }
        let (x, y) = (a.sorted, b.sorted)
        let expected = x.count != y.count ? x.count < y.count : x.lexicographicallyPrecedes(y)
        #expect((a < b) == expected, "seed \(seed)")
        #expect((b < a) == (x.count != y.count ? y.count < x.count : y.lexicographicallyPrecedes(x)), "seed \(seed)")
    }
}
