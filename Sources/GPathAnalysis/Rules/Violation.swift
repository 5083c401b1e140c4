import GPathDiagnostics

/// One rule violation found in one network.
public struct Violation: Sendable, Hashable {
    public let rule: Rule
    public let severity: Severity
    /// Lowercase, no trailing period, identifiers in backticks.
    public let message: String
    /// The layer (or unit) concerned, nil for network-wide rules; part of the baseline
    /// fingerprint, so violations survive line moves.
    public let subject: String?
    /// Where to point: the layer's source location (or the block instantiation that made it).
    public let location: SourceLocation?
    /// The measured value and the threshold it crossed.
    public let value: Double?
    public let threshold: Double?
    /// The layer's position in the network's layer order (per-layer rules), so findings can
    /// group runs of neighbouring layers; nil for network-wide rules.
    public let order: Int?

    public init(
        rule: Rule, severity: Severity, message: String, subject: String?, location: SourceLocation?,
        value: Double? = nil, threshold: Double? = nil, order: Int? = nil
    ) {
        self.rule = rule
        self.severity = severity
        self.message = message
        self.subject = subject
        self.location = location
        self.value = value
        self.threshold = threshold
        self.order = order
    }

    /// Stable identity for baselines: rule, file and subject (not the line).
    public var fingerprint: String {
        "\(rule.id)|\(location?.file ?? "")|\(subject ?? "")"
    }
}
