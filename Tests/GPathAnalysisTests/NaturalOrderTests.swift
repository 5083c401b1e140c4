import GPathAnalysis
import GPathTestSupport
import Testing

struct NaturalOrderTests {
    /// The order as first written: scalars copied into arrays, digit runs spelled as strings.
    static func reference(_ a: String, _ b: String) -> Bool {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar >= "0" && scalar <= "9" }
        var i = 0, j = 0
        while i < x.count, j < y.count {
            if isDigit(x[i]), isDigit(y[j]) {
                var iEnd = i, jEnd = j
                while iEnd < x.count, isDigit(x[iEnd]) { iEnd += 1 }
                while jEnd < y.count, isDigit(y[jEnd]) { jEnd += 1 }
                let left = String(String.UnicodeScalarView(x[i..<iEnd])).drop { $0 == "0" }
                let right = String(String.UnicodeScalarView(y[j..<jEnd])).drop { $0 == "0" }
                if left.count != right.count { return left.count < right.count }
                if left != right { return left < right }
                (i, j) = (iEnd, jEnd)
            } else {
                if x[i] != y[j] { return x[i].value < y[j].value }
                (i, j) = (i + 1, j + 1)
            }
        }
        if (x.count - i) != (y.count - j) { return (x.count - i) < (y.count - j) }
        return a < b
    }

    @Test("digit runs compare as numbers; the rest by scalar")
    func examples() {
        #expect(NaturalOrder.sorted(["L10", "L2", "L1", "b", "a10b", "a9c", "x", "é1", "e2", "0", ""])
            == ["", "0", "L1", "L2", "L10", "a9c", "a10b", "b", "e2", "x", "é1"])
        // Equal but for leading zeros: the plain text order decides.
        #expect(NaturalOrder.sorted(["a9b", "a09b", "a009"]) == ["a009", "a09b", "a9b"])
    }

    @Test("equals the scalar-array reference on seeded names (digits, zeros, non-ASCII)")
    func againstReference() {
        var random = SeededGenerator(seed: 7)
        let pieces = ["L", "l", "conv", "_", ".", "0", "00", "1", "9", "10", "007", "é", "→", "𝄞", "a", "Z", "-", "2"]
        let names = (0..<400).map { _ in
            (0..<Int.random(in: 0...5, using: &random)).map { _ in pieces.randomElement(using: &random) ?? "" }.joined()
        }
        for (a, b) in zip(names, names.shuffled(using: &random)) {
            #expect(NaturalOrder.areInIncreasingOrder(a, b) == Self.reference(a, b), "\(a) vs \(b)")
            #expect(NaturalOrder.areInIncreasingOrder(a, a) == Self.reference(a, a))
        }
    }
}
