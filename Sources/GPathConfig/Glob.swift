/// Shell-style glob matching for override patterns: `*` matches any run of characters except
/// `/`, `**` any run including `/`, `?` one character except `/`; everything else literally.
enum Glob {
    /// O(|pattern| · |text|) dynamic programming; no recursion, no backtracking blow-up.
    static func matches(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern)
        let t = Array(text)
        // table[i][j]: the first i pattern characters can match the first j text characters.
        var table = [[Bool]](repeating: [Bool](repeating: false, count: t.count + 1), count: p.count + 1)
        table[0][0] = true
        var i = 0
        while i < p.count {
            let isDouble = p[i] == "*" && i + 1 < p.count && p[i + 1] == "*"
            let width = isDouble ? 2 : 1
            for j in 0...t.count where table[i][j] {
                switch p[i] {
                case "*":
                    table[i + width][j] = true
                    var k = j
                    while k < t.count, isDouble || t[k] != "/" {
                        k += 1
                        table[i + width][k] = true
                    }
                case "?":
                    if j < t.count, t[j] != "/" { table[i + 1][j + 1] = true }
                default:
                    if j < t.count, t[j] == p[i] { table[i + 1][j + 1] = true }
                }
            }
            i += width
        }
        return table[p.count][t.count]
    }
}
