/// Natural ordering of identifiers: digit runs compare as numbers (`L2 < L10`), everything else
/// by Unicode scalar value. Used for every list of ids in reports.
public enum NaturalOrder {
    public static func areInIncreasingOrder(_ a: String, _ b: String) -> Bool {
        let x = Array(a.unicodeScalars)
        let y = Array(b.unicodeScalars)
        var i = 0
        var j = 0
        while i < x.count, j < y.count {
            if isDigit(x[i]), isDigit(y[j]) {
                var iEnd = i
                while iEnd < x.count, isDigit(x[iEnd]) { iEnd += 1 }
                var jEnd = j
                while jEnd < y.count, isDigit(y[jEnd]) { jEnd += 1 }
                let left = String(String.UnicodeScalarView(x[i..<iEnd])).drop { $0 == "0" }
                let right = String(String.UnicodeScalarView(y[j..<jEnd])).drop { $0 == "0" }
                if left.count != right.count { return left.count < right.count }
                if left != right { return left < right }
                i = iEnd
                j = jEnd
            } else {
                if x[i] != y[j] { return x[i].value < y[j].value }
                i += 1
                j += 1
            }
        }
        if (x.count - i) != (y.count - j) { return (x.count - i) < (y.count - j) }
        return a < b
    }

    /// `names` sorted naturally.
    public static func sorted(_ names: some Sequence<String>) -> [String] {
        names.sorted(by: areInIncreasingOrder)
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar >= "0" && scalar <= "9" }
}
