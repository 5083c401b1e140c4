import GPathIR

/// The order of a JSON object's string keys: the order of `names.sorted()` (Swift's `String`
/// order), each distinct key once.
///
/// Names that are all ASCII — the usual case — are sorted on their bytes, which for ASCII is
/// exactly `String` order and equality: a name is compared first by its first 8 bytes packed
/// into one integer (zero-padded, so a shorter prefix still sorts first), and only when those
/// tie by all its bytes. Any other name sends the whole list through `String` comparison, whose
/// Unicode canonical equivalence (`"é"` written as one or two scalars are the same key) byte
/// comparison would not reproduce; that path is the writer's previous dictionary and sort.
enum SortedKeyOrder {
    /// Indices of `names` in sorted order; of names that are equal as `String`s, only the
    /// first (lowest index) is kept — what a dictionary keyed by name, filled in index order
    /// keeping the first value, would hold. O(n log n) comparisons.
    static func indices(of names: [String]) -> [Int] {
        guard let bytes = ASCIINames(count: names.count, forEach: { index, body in
            var name = names[index]
            return name.withUTF8(body)
        }) else { return unicodeIndices(of: names) }
        return indices(of: bytes)
    }

    /// ``indices(of:)-([String])`` of the names of `nodes`, read from the graph's name table:
    /// no `String` is made unless a name is not ASCII.
    static func indices(of nodes: [NodeID], in names: NodeNames) -> [Int] {
        guard let bytes = ASCIINames(count: nodes.count, forEach: { index, body in names.withUTF8(of: nodes[index], body) }) else {
            return unicodeIndices(of: nodes.map { names[$0] })
        }
        return indices(of: bytes)
    }

    private static func indices(of bytes: ASCIINames) -> [Int] {
        var keyed = (0..<(bytes.starts.count - 1)).map { (prefix: bytes.prefix(of: $0), index: $0) }
        keyed.sort { a, b in
            if a.prefix != b.prefix { return a.prefix < b.prefix }
            let order = bytes.compare(a.index, b.index)
            return order != 0 ? order < 0 : a.index < b.index
        }
        var result: [Int] = []
        result.reserveCapacity(keyed.count)
        for (position, entry) in keyed.enumerated() {
            if position > 0, keyed[position - 1].prefix == entry.prefix, bytes.compare(keyed[position - 1].index, entry.index) == 0 {
                continue
            }
            result.append(entry.index)
        }
        return result
    }

    /// The general path, as the writer always did it: a dictionary keyed by name (canonically
    /// equal spellings are one key, the first kept), its keys sorted. (`String`'s `<` is not a
    /// strict order across such spellings — `"cafe\u{301}"` is neither below, above nor equal
    /// to `"caf\u{E9}1"` — so no other sort is sure to reproduce this order.)
    private static func unicodeIndices(of names: [String]) -> [Int] {
        let first = Dictionary(names.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
        return first.keys.sorted().compactMap { first[$0] }
    }

    /// Every name's UTF-8 bytes back to back, when every byte is ASCII.
    private struct ASCIINames {
        var bytes: [UInt8] = []
        /// `starts[i]..<starts[i + 1]` are the bytes of name `i`.
        var starts: [Int] = [0]

        /// - Parameter forEach: calls its second argument with the UTF-8 of name `index`,
        ///   passing on the result.
        init?(count: Int, forEach: (_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool) {
            starts.reserveCapacity(count + 1)
            for index in 0..<count {
                let isASCII = forEach(index) { utf8 in
                    var combined: UInt8 = 0
                    for byte in utf8 { combined |= byte }
                    bytes.append(contentsOf: utf8)
                    return combined < 0x80
                }
                guard isASCII else { return nil }
                starts.append(bytes.count)
            }
        }

        /// The first 8 bytes of name `index`, most significant first, zero-padded.
        func prefix(of index: Int) -> UInt64 {
            var prefix: UInt64 = 0
            let start = starts[index], end = starts[index + 1]
            for offset in 0..<8 {
                prefix <<= 8
                if start + offset < end { prefix |= UInt64(bytes[start + offset]) }
            }
            return prefix
        }

        /// Negative, zero or positive as name `a` sorts before, equal to or after name `b`.
        func compare(_ a: Int, _ b: Int) -> Int {
            let (startA, endA) = (starts[a], starts[a + 1])
            let (startB, endB) = (starts[b], starts[b + 1])
            let common = Swift.min(endA - startA, endB - startB)
            for offset in 0..<common where bytes[startA + offset] != bytes[startB + offset] {
                return Int(bytes[startA + offset]) - Int(bytes[startB + offset])
            }
            return (endA - startA) - (endB - startB)
        }
    }
}
