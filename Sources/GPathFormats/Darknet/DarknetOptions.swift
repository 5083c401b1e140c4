import GPathDiagnostics
import GPathIR

/// Typed access to one section's `key=value` options (darknet's `option_find_int` and
/// friends), reporting malformed values (E208) and, once the section is lowered, every key it
/// does not know (E207 with a "did you mean"), every training-only key (W215) and every
/// unsupported key that is set (E214).
struct DarknetOptions {
    let section: DarknetSection
    let kind: DarknetKind
    private(set) var diagnostics: [Diagnostic] = []

    init(_ section: DarknetSection, kind: DarknetKind) {
        self.section = section
        self.kind = kind
    }

    /// The last entry for `key` (darknet reads the first; a repeated key is reported).
    func entry(_ key: String) -> DarknetSection.Entry? { section.entries.first { $0.key == key } }

    /// An integer option, `fallback` when absent; nil (reported) when malformed.
    /// Values beyond ±``Limits/maximumExtent`` are E217: no darknet size, count or index is
    /// that large, and shape arithmetic on them would overflow.
    mutating func int(_ key: String, _ fallback: Int) -> Int? {
        guard let entry = entry(key) else { return fallback }
        if let value = Int(entry.value) {
            guard value.magnitude <= UInt(Limits.maximumExtent) else {
                report(.sizeLimit, "`\(key)` is \(value), beyond gpath's limit of \(Limits.extentDescription)", at: entry.valueLocation)
                return nil
            }
            return value
        }
        if let value = Double(entry.value), value == value.rounded(.towardZero), abs(value) < 1e9 { return Int(value) }
        report(.invalidValue, "`\(key)` must be an integer, not `\(entry.value)`", at: entry.valueLocation)
        return nil
    }

    /// An integer option that must be at least `minimum`.
    mutating func int(_ key: String, _ fallback: Int, atLeast minimum: Int) -> Int? {
        guard let value = int(key, fallback) else { return nil }
        guard value >= minimum else {
            report(.invalidValue, "`\(key)` must be at least \(minimum), not \(value)", at: entry(key)?.valueLocation ?? section.location)
            return nil
        }
        return value
    }

    /// A required integer list such as `layers=-1,-4` (E106 when absent).
    mutating func intList(_ key: String) -> [Int]? {
        guard let entry = entry(key) else {
            report(.invalidField, "`[\(section.name)]` needs `\(key)`", at: section.location, label: "`\(key)` missing")
            return nil
        }
        let parts = entry.value.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
        let values = parts.compactMap { Int($0) }
        guard values.count == parts.count, !values.isEmpty else {
            report(.invalidValue, "`\(key)` must be a comma-separated list of integers, not `\(entry.value)`", at: entry.valueLocation)
            return nil
        }
        if let large = values.first(where: { $0.magnitude > UInt(Limits.maximumExtent) }) {
            report(.sizeLimit, "`\(key)` holds \(large), beyond gpath's limit of \(Limits.extentDescription)", at: entry.valueLocation)
            return nil
        }
        return values
    }

    /// A string option.
    func string(_ key: String, _ fallback: String) -> String { entry(key)?.value ?? fallback }

    /// The activation named by `key` (darknet spellings), nil for `linear`.
    mutating func activation(_ fallback: String) -> Activation?? {
        let name = string("activation", fallback)
        if let known = Self.activations[name] { return .some(known) }
        let location = entry("activation")?.valueLocation ?? section.location
        report(.unsupportedConstruct, "activation `\(name)` has no gpath equivalent", at: location,
               notes: ["supported: \(Self.activations.keys.sorted().joined(separator: ", "))"],
               helps: Suggestion.help(for: name, among: Self.activations.keys))
        return nil
    }

    static let activations: [String: Activation?] = [
        "linear": nil, "logistic": .sigmoid, "leaky": .leakyRelu, "relu": .relu, "mish": .mish,
        "swish": .silu, "silu": .silu, "tanh": .tanh, "gelu": .gelu, "hard_swish": .hardSwish,
    ]

    mutating func report(
        _ code: DiagnosticCode, _ message: String, at location: SourceLocation, label: String? = nil,
        notes: [String] = [], helps: [String] = []
    ) {
        diagnostics.append(Diagnostic(code, message, at: location, label: label, notes: notes, helps: helps))
    }

    /// Checks every key of the section against the schema (after lowering has read its keys).
    mutating func checkKeys() {
        var seen = Set<String>()
        let known = kind.keys.union(["stopbackward"])
        for entry in section.entries {
            let key = entry.key
            if !seen.insert(key).inserted {
                let first = section.entries.first { $0.key == key }?.value ?? ""
                report(.duplicateKey, "`\(key)` is set twice in this `[\(section.name)]`; the first value (`\(first)`) is used", at: entry.keyLocation,
                       notes: ["darknet reads the first value and ignores this one (`\(entry.value)`)"])
                continue
            }
            if known.contains(key) || (kind == .net && DarknetKind.netTrainingKeys.contains(key)) { continue }
            if kind.trainingOnlyKeys.contains(key) {
                report(.trainingOnlyKey, "`\(key)` only affects training; gpath ignores it", at: entry.keyLocation,
                       notes: ["it freezes or schedules weights but does not change the graph or its gradient paths"])
                continue
            }
            if kind.unsupportedKeys.contains(key) {
                if entry.value != "0" && entry.value != "none" {
                    report(.unsupportedConstruct, "`\(key)=\(entry.value)` in `[\(section.name)]` is not supported by gpath",
                           at: entry.keyLocation, label: "cannot be represented")
                }
                continue
            }
            let candidates = known.union(kind.trainingOnlyKeys).union(kind.unsupportedKeys)
            report(.unknownArgument, "unknown key `\(key)` in `[\(section.name)]`", at: entry.keyLocation, label: "unknown key",
                   notes: kind.keys.isEmpty ? ["`[\(section.name)]` takes no keys"] : ["`[\(section.name)]` takes \(kind.keys.sorted().map { "`\($0)`" }.joined(separator: ", "))"],
                   helps: Suggestion.help(for: key, among: candidates))
        }
    }
}
