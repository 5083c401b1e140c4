/// Natural ordering of identifiers: digit runs compare as numbers (`L2 < L10`), everything else
/// by Unicode scalar value. Used for every list of ids in reports.
public enum NaturalOrder {
    /// Compared on UTF-8 bytes in place (no copy, no allocation): UTF-8 orders byte strings as
    /// it orders their scalars, and an ASCII digit byte is never part of another scalar.
    public static func areInIncreasingOrder(_ a: String, _ b: String) -> Bool {
        var (x, y) = (a, b)
        let ordered = x.withUTF8 { x in y.withUTF8 { y in compare(x, y) } }
        return ordered ?? (a < b)  // equal but for leading zeros of digit runs
    }

    /// `names` sorted naturally.
    public static func sorted(_ names: some Sequence<String>) -> [String] {
        names.sorted(by: areInIncreasingOrder)
    }

    /// Whether `x` precedes `y` naturally; nil when neither does (equal but for leading zeros).
    private static func compare(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool? {
        var i = x.startIndex, j = y.startIndex
        while i < x.endIndex, j < y.endIndex {
            guard isDigit(x[i]), isDigit(y[j]) else {
                if x[i] != y[j] { return x[i] < y[j] }
                i += 1
                j += 1
                continue
            }
            // Two digit runs: as numbers, leading zeros aside.
            var iEnd = i, jEnd = j
            while iEnd < x.endIndex, isDigit(x[iEnd]) { iEnd += 1 }
            while jEnd < y.endIndex, isDigit(y[jEnd]) { jEnd += 1 }
            while i < iEnd - 1, x[i] == UInt8(ascii: "0") { i += 1 }
            while j < jEnd - 1, y[j] == UInt8(ascii: "0") { j += 1 }
            if x[i] == UInt8(ascii: "0") { i += 1 }  // all zeros: the empty run
            if y[j] == UInt8(ascii: "0") { j += 1 }
            if iEnd - i != jEnd - j { return iEnd - i < jEnd - j }
            while i < iEnd {
                if x[i] != y[j] { return x[i] < y[j] }
                i += 1
                j += 1
            }
            i = iEnd
            j = jEnd
        }
        let (restX, restY) = (x.endIndex - i, y.endIndex - j)
        return restX != restY ? restX < restY : nil
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
