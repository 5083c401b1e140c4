import GPathAnalysis
import GPathDiagnostics

/// The outcome of `gpath check` on one input file.
public struct CheckResult: Sendable {
    /// The file as the user named it.
    public let file: String
    /// The network's name.
    public let network: String
    public let layers: Int
    /// Violations to report, sorted by location then rule.
    public let violations: [Violation]
    /// Violations matched by the baseline (reported as a count, never failing).
    public let baselined: Int
    /// Rules that were evaluated (for JUnit's one-testcase-per-rule).
    public let rules: [Rule]

    public init(file: String, network: String, layers: Int, violations: [Violation], baselined: Int, rules: [Rule]) {
        self.file = file
        self.network = network
        self.layers = layers
        self.violations = violations.sorted {
            ($0.location?.line ?? 0, $0.location?.column ?? 0, $0.rule.id, $0.subject ?? "")
                < ($1.location?.line ?? 0, $1.location?.column ?? 0, $1.rule.id, $1.subject ?? "")
        }
        self.baselined = baselined
        self.rules = rules
    }

    public var errors: Int { violations.filter { $0.severity == .error }.count }
    public var warnings: Int { violations.filter { $0.severity == .warning }.count }
}

extension Violation {
    /// The violation as a diagnostic (code = rule ID), for rustc-style rendering.
    public var diagnostic: Diagnostic {
        Diagnostic(
            DiagnosticCode(rule.id, severity, rule.summary), message, at: location,
            label: rule.name, notes: [], helps: [], severity: severity)
    }
}
