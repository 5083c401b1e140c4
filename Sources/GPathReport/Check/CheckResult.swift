import GPathAnalysis
import GPathDiagnostics

/// The outcome of `gpath check` on one input file: its findings, or the diagnostics that kept
/// it from loading (then it counts as an input error, and the check exits 2).
public struct CheckResult: Sendable {
    /// The file as the user named it.
    public let file: String
    /// The network's name (the file name when it did not load).
    public let network: String
    public let layers: Int
    /// Rule findings to report (violations grouped by cause), sorted by location then rule.
    public let findings: [Finding]
    /// Violations matched by the baseline (reported as a count, never failing).
    public let baselined: Int
    /// Rules that were evaluated (for JUnit's one-testcase-per-rule).
    public let rules: [Rule]
    /// Why the file did not load (errors, and any warnings before them); empty when it did.
    public let inputDiagnostics: [Diagnostic]

    /// A file that loaded and was checked.
    public init(file: String, network: String, layers: Int, violations: [Violation], baselined: Int, rules: [Rule]) {
        self.file = file
        self.network = network
        self.layers = layers
        self.findings = Finding.group(violations)
        self.baselined = baselined
        self.rules = rules
        self.inputDiagnostics = []
    }

    /// A file that did not load: `diagnostics` holds at least one error.
    public init(file: String, inputDiagnostics diagnostics: [Diagnostic]) {
        self.file = file
        self.network = file
        self.layers = 0
        self.findings = []
        self.baselined = 0
        self.rules = []
        self.inputDiagnostics = diagnostics
    }

    /// True when the file did not load.
    public var failedToLoad: Bool { inputDiagnostics.containsError }

    /// The input errors among ``inputDiagnostics``.
    public var inputErrors: [Diagnostic] { inputDiagnostics.filter { $0.severity == .error } }

    /// Error findings, plus input errors.
    public var errors: Int { findings.filter { $0.severity == .error }.count + inputErrors.count }
    public var warnings: Int {
        findings.filter { $0.severity == .warning }.count + inputDiagnostics.filter { $0.severity == .warning }.count
    }

    /// Every violation covered by the findings (for baselines).
    public var violations: [Violation] { findings.flatMap(\.violations) }
}

extension Finding {
    /// The finding as a diagnostic (code = rule ID), for rustc-style rendering: the worst
    /// layer's location, and a note per further source line the finding covers.
    public var diagnostic: Diagnostic {
        let primary = location
        let others = locations.filter { $0 != primary && !$0.isWholeFile }
        let notes = others.isEmpty ? [] : ["also at " + others.prefix(8).map { $0.description }.joined(separator: ", ")
            + (others.count > 8 ? " and \(others.count - 8) more" : "")]
        return Diagnostic(
            DiagnosticCode(rule.id, severity, rule.summary), message, at: primary,
            label: rule.name, notes: notes, helps: [], severity: severity)
    }
}

extension Array where Element == CheckResult {
    /// "3 errors, 2 warnings in 2 files" (files with at least one error or warning), or
    /// "no problems in 4 files" — the closing line of the text report.
    public var totalLine: String {
        let errors = reduce(0) { $0 + $1.errors }
        let warnings = reduce(0) { $0 + $1.warnings }
        let files = count
        let filesText = "\(files) file\(files == 1 ? "" : "s")"
        if errors == 0 && warnings == 0 { return "no problems in \(filesText)" }
        let affected = filter { $0.errors + $0.warnings > 0 }.count
        return "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s") in \(affected) of \(filesText)"
    }
}
