extension TimestampSet {
    /// The distinct sets among `sets`, in `<` order (by size, then lexicographically).
    ///
    /// No set is hashed (a deep graph's sets are long, and hashing each into a `Set` was a
    /// tenth of writing a full report): sizes are counted once, the sets sorted by them, and
    /// equal neighbours — neither precedes the other — kept once.
    public static func distinctSorted(_ sets: [TimestampSet]) -> [TimestampSet] {
        let sized = sets.map { (size: $0.count, set: $0) }.sorted { a, b in
            a.size != b.size ? a.size < b.size : a.set.precedesAmongEqualSizes(b.set)
        }
        var distinct: [TimestampSet] = []
        var lastSize = -1
        for entry in sized {
            if entry.size == lastSize, let last = distinct.last, !last.precedesAmongEqualSizes(entry.set) { continue }
            distinct.append(entry.set)
            lastSize = entry.size
        }
        return distinct
    }
}
