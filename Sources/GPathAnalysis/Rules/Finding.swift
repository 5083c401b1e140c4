import GPathDiagnostics

/// What `gpath check` reports: one rule violated for one cause, read once.
///
/// A cause is a `.net` line instantiated many times (every layer a loop or a repeated block
/// made points at that line) or a run of neighbouring layers that all cross the same threshold
/// (a stack of identical blocks in a format without blocks, such as a Darknet `.cfg`). The
/// finding lists every layer it covers, points at the worst one and keeps one location per
/// distinct source line. See ``group(_:)``.
public struct Finding: Sendable, Hashable {
    /// The violations this finding covers, in network layer order; never empty.
    public let violations: [Violation]
    /// The violation furthest past its threshold (largest value for maximum rules, smallest
    /// for minimum rules; the first for presence rules and among equals).
    public let worst: Violation

    /// Builds a finding from violations of one rule at one severity (`violations` non-empty).
    public init(_ violations: [Violation]) {
        precondition(!violations.isEmpty, "a finding covers at least one violation")
        self.violations = violations
        let minimum = violations[0].rule.kind == .minimum
        self.worst = violations.dropFirst().reduce(violations[0]) { best, next in
            guard let a = best.value, let b = next.value else { return best }
            return (minimum ? b < a : b > a) ? next : best
        }
    }

    public var rule: Rule { worst.rule }
    public var severity: Severity { worst.severity }
    /// The threshold the worst violation crossed.
    public var threshold: Double? { worst.threshold }

    /// Where the finding points: the worst violation's location.
    public var location: SourceLocation? { worst.location }

    /// Every distinct source location, sorted; the primary ``location`` is among them.
    public var locations: [SourceLocation] {
        Array(Set(violations.compactMap(\.location))).sorted()
    }

    /// The layers (or units) covered, in layer order.
    public var subjects: [String] { violations.compactMap(\.subject) }

    /// The worst violation's message, followed for a group by how many layers it covers and
    /// their names (the first and last few when there are many).
    public var message: String {
        let names = subjects
        guard names.count > 1 else { return worst.message }
        let shown = names.count <= 6
            ? names.map { "`\($0)`" }.joined(separator: ", ")
            : (names.prefix(3).map { "`\($0)`" } + ["…"] + names.suffix(2).map { "`\($0)`" }).joined(separator: ", ")
        let lines = locations.filter { !$0.isWholeFile }.count
        let place = lines > 1 ? " from \(lines) source lines" : ""
        return "\(worst.message) (worst of \(names.count) layers\(place): \(shown))"
    }

    /// Stable identity: the first covered violation's fingerprint (the first layer of a run
    /// stays the same when the run grows).
    public var fingerprint: String { violations[0].fingerprint }
}
