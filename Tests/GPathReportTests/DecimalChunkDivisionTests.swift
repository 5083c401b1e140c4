@testable import GPathReport
import GPathTestSupport
import Testing

/// The reciprocal division by 10^19 against the library's 128-bit division.
struct DecimalChunkDivisionTests {
    @Test("quotient and remainder equal dividingFullWidth's on seeded and edge two-word numbers", arguments: Array(UInt64(1)...20))
    func agreesWithFullWidthDivision(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let d = DecimalChunkDivision.divisor
        var cases: [(UInt, UInt)] = [(0, 0), (0, d - 1), (0, d), (0, UInt.max), (d - 1, UInt.max), (d - 1, 0), (1, 0)]
        for _ in 0..<2_000 {
            cases.append((UInt.random(in: 0..<d, using: &random), UInt.random(in: 0...UInt.max, using: &random)))
        }
        for (high, low) in cases {
            let expected = d.dividingFullWidth((high: high, low: low))
            let actual = DecimalChunkDivision.divide(high: high, low: low)
            #expect(actual.quotient == expected.quotient && actual.remainder == expected.remainder, "\(high):\(low)")
        }
    }

    @Test("decimal digit counts equal the length of the decimal text, at every power of ten and its neighbours")
    func digitCounts() {
        var values: [UInt64] = [0, 1, 9, UInt64.max]
        var power: UInt64 = 1
        for _ in 0..<19 {
            power *= 10
            values += [power - 1, power, power + 1]
        }
        var random = SeededGenerator(seed: 7)
        for _ in 0..<5_000 { values.append(UInt64.random(in: 0...UInt64.max, using: &random) >> UInt64.random(in: 0..<64, using: &random)) }
        for value in values {
            #expect(JSONStreamWriter.decimalDigits(value) == String(value).count, "\(value)")
        }
    }
}
