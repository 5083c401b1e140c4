/// A problem found in user input: data with a stable code, never a thrown error.
///
/// Parsers and verifiers collect diagnostics and keep going, so one run reports every problem.
public struct Diagnostic: Hashable, Sendable {
    /// Stable identifier such as `E201`; see ``DiagnosticCode``.
    public var code: DiagnosticCode
    public var severity: Severity
    /// Lowercase, no trailing period, identifiers in backticks.
    public var message: String
    /// Where the problem is, when known.
    public var location: SourceLocation?
    /// Short text printed after the caret.
    public var label: String?
    /// `= note:` lines.
    public var notes: [String]
    /// `= help:` lines (a "did you mean" goes here).
    public var helps: [String]

    public init(
        _ code: DiagnosticCode, _ message: String, at location: SourceLocation? = nil,
        label: String? = nil, notes: [String] = [], helps: [String] = [],
        severity: Severity? = nil
    ) {
        self.code = code
        self.severity = severity ?? code.defaultSeverity
        self.message = message
        self.location = location
        self.label = label
        self.notes = notes
        self.helps = helps
    }
}

extension Array where Element == Diagnostic {
    /// True when any element is an error.
    public var containsError: Bool { contains { $0.severity == .error } }

    /// Sorted by file position (diagnostics without a location last), stable otherwise.
    public var sortedByLocation: [Diagnostic] {
        enumerated().sorted { a, b in
            switch (a.element.location, b.element.location) {
            case let (x?, y?): return x == y ? a.offset < b.offset : x < y
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return a.offset < b.offset
            }
        }.map(\.element)
    }
}
