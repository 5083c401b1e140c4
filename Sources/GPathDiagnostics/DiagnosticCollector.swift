/// Gathers diagnostics up to a limit (20 errors by default), then records one note saying the
/// rest were suppressed. Parsers keep going after an error; the collector keeps output readable.
public struct DiagnosticCollector: Sendable {
    /// Everything collected so far, in the order reported.
    public private(set) var diagnostics: [Diagnostic] = []
    private let errorLimit: Int
    private var errorCount = 0
    private var suppressed = 0

    public init(errorLimit: Int = 20) { self.errorLimit = errorLimit }

    /// Records `diagnostic` unless the error limit has been reached.
    public mutating func report(_ diagnostic: Diagnostic) {
        if diagnostic.severity == .error {
            if errorCount >= errorLimit {
                suppressed += 1
                return
            }
            errorCount += 1
        }
        diagnostics.append(diagnostic)
    }

    /// True once any error was reported (including suppressed ones).
    public var hasErrors: Bool { errorCount > 0 }

    /// The diagnostics, with a closing note when some were suppressed.
    public var finished: [Diagnostic] {
        guard suppressed > 0 else { return diagnostics }
        return diagnostics + [Diagnostic(
            .tooManyErrors, "stopped after \(errorLimit) errors; \(suppressed) more not shown")]
    }
}
