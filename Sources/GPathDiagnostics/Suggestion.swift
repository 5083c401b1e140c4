/// "Did you mean" suggestions by Damerau–Levenshtein distance (optimal string alignment).
public enum Suggestion {
    /// Longest word or candidate compared, in characters: 64. Names are typed by people; a
    /// 100,000-character generated name gets no suggestion instead of a quadratic comparison
    /// against every candidate.
    public static let maximumLength = 64

    /// The candidate closest to `word`, if it is close enough to be a plausible typo:
    /// distance ≤ max(1, word.count / 3). Ties go to the earliest candidate in sorted order.
    ///
    /// Cost: O(n log n) to order n candidates, then O(``maximumLength``²) at most per candidate
    /// whose length is within the limit of the word's (the distance is at least the difference
    /// in length, so the others are skipped unread).
    public static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
        let length = word.count
        guard length <= maximumLength else { return nil }
        let limit = max(1, length / 3)
        let lowered = word.lowercased()
        var best: (distance: Int, candidate: String)?
        for candidate in Set(candidates).sorted() where candidate != word {
            // utf8.count bounds the character count from above, cheaply, for the length filter.
            guard candidate.utf8.count <= 4 * (maximumLength + limit) else { continue }
            let candidateLength = candidate.count
            guard abs(candidateLength - length) <= limit else { continue }
            let distance = editDistance(lowered, candidate.lowercased())
            if distance <= limit, distance < (best?.distance ?? Int.max) {
                best = (distance, candidate)
            }
        }
        return best?.candidate
    }

    /// Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent
    /// transpositions each cost 1. O(|a|·|b|) time.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a)
        let y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previousPrevious = [Int](repeating: 0, count: y.count + 1)
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    current[j] = Swift.min(current[j], previousPrevious[j - 2] + 1)
                }
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[y.count]
    }

    /// The help line for a suggestion, e.g. "did you mean `conv`?".
    public static func help(for word: String, among candidates: some Sequence<String>) -> [String] {
        guard let match = closest(to: word, among: candidates) else { return [] }
        return ["did you mean `\(match)`?"]
    }
}
