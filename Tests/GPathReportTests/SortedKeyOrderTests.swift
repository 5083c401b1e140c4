@testable import GPathReport
import GPathTestSupport
import Testing

/// ``SortedKeyOrder`` against a dictionary keyed by name (first value kept) and `String` sort.
struct SortedKeyOrderTests {
    /// What the writer did before: names into a dictionary, keeping the first index, keys sorted.
    static func expected(_ names: [String]) -> [Int] {
        let first = Dictionary(names.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
        return first.keys.sorted().compactMap { first[$0] }
    }

    @Test("ASCII names (shared prefixes, repeats, NUL bytes) sort as String does; Unicode ones (canonically equal spellings) as the dictionary did", arguments: Array(UInt64(1)...120))
    func matchesStringOrder(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let ascii = ["b1.conv1", "b1.conv10", "b1.conv2", "b12345.conv1", "b12345.conv", "stage2.block1.conv", "a", "", "a\u{0}", "Z", "a\"b", "stage2.block1.conva"]
        let unicode = ["caf\u{E9}", "cafe\u{301}", "\u{1D11E}", "é.conv"]
        let pool = seed % 3 == 0 ? ascii + unicode : ascii
        let names = (0..<Int.random(in: 0..<30, using: &random)).map { _ in
            (pool.randomElement(using: &random) ?? "") + (Bool.random(using: &random) ? "" : String(Int.random(in: 0..<12, using: &random)))
        }
        #expect(SortedKeyOrder.indices(of: names) == Self.expected(names), "seed \(seed): \(names)")
    }
}
