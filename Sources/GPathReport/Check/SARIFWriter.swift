import GPathAnalysis
import GPathDiagnostics

/// `gpath check --format sarif`: SARIF 2.1.0 for GitHub code scanning. One run; the driver's
/// rules are every evaluated rule plus the diagnostic codes of files that did not load; one
/// result per finding (its worst layer as the location, further source lines as related
/// locations) and one per input diagnostic.
public enum SARIFWriter {
    public static func write(_ results: [CheckResult]) -> String {
        let rules = Array(Set(results.flatMap(\.rules))).sorted()
        let codes = Array(Set(results.flatMap { $0.inputDiagnostics.map(\.code) })).sorted()
        let ruleIDs = rules.map(\.id) + codes.map(\.rawValue)
        let descriptors: [JSONText] = rules.map { rule in
            let setting = RuleConfiguration.defaults[rule]
            return descriptor(
                id: rule.id, name: rule.name, summary: rule.summary,
                level: setting.presence ?? (setting.error != nil ? .error : .warning), enabledByDefault: !setting.isOff)
        } + codes.map { code in
            descriptor(id: code.rawValue, name: "input-\(code.rawValue)", summary: code.summary, level: code.defaultSeverity, enabledByDefault: true)
        }
        let driver: JSONText = .object([
            "name": .string("gpath"),
            "version": .string(AnalysisReport.toolVersion),
            "informationUri": .string("https://github.com/gpath/gpath"),
            "rules": .array(descriptors),
        ])
        var sarifResults: [JSONText] = []
        for result in results {
            for d in result.inputDiagnostics {
                let text = ([d.message] + d.helps.map { "help: \($0)" }).joined(separator: "\n")
                sarifResults.append(entry(
                    id: d.code.rawValue, index: ruleIDs.firstIndex(of: d.code.rawValue) ?? 0, severity: d.severity,
                    text: text, at: d.location, file: result.file, related: [], fingerprint: "\(d.code)|\(result.file)|\(d.message)"))
            }
            for f in result.findings {
                let related = f.locations.filter { $0 != f.location && !$0.isWholeFile }
                sarifResults.append(entry(
                    id: f.rule.id, index: ruleIDs.firstIndex(of: f.rule.id) ?? 0, severity: f.severity,
                    text: f.message, at: f.location, file: result.file, related: related, fingerprint: f.fingerprint))
            }
        }
        return JSONText.object([
            "version": .string("2.1.0"),
            "$schema": .string("https://json.schemastore.org/sarif-2.1.0.json"),
            "runs": .array([.object(["tool": .object(["driver": driver]), "results": .array(sarifResults)])]),
        ]).rendered() + "\n"
    }

    /// A rule descriptor; a rule that is off by default (enabled here by configuration) says so
    /// with `enabled: false` in its default configuration.
    private static func descriptor(id: String, name: String, summary: String, level: Severity, enabledByDefault: Bool) -> JSONText {
        var configuration: [String: JSONText] = ["level": .string(self.level(level))]
        if !enabledByDefault { configuration["enabled"] = .bool(false) }
        return .object([
            "id": .string(id),
            "name": .string(name),
            "shortDescription": .object(["text": .string(summary)]),
            "defaultConfiguration": .object(configuration),
        ])
    }

    private static func entry(
        id: String, index: Int, severity: Severity, text: String, at location: SourceLocation?, file: String,
        related: [SourceLocation], fingerprint: String
    ) -> JSONText {
        var fields: [String: JSONText] = [
            "ruleId": .string(id),
            "ruleIndex": .int(index),
            "level": .string(level(severity)),
            "message": .object(["text": .string(text)]),
            "locations": .array([physical(location, file: file)]),
            "partialFingerprints": .object(["gpath/v1": .string(fingerprint)]),
        ]
        if !related.isEmpty {
            fields["relatedLocations"] = .array(related.enumerated().map { index, location in
                guard case .object(var object) = physical(location, file: file) else { return .null }
                object["id"] = .int(index + 1)
                object["message"] = .object(["text": .string("also here")])
                return .object(object)
            })
        }
        return .object(fields)
    }

    /// A `physicalLocation` (line 1, column 1 for whole-file locations: SARIF consumers need a
    /// region to place an annotation).
    private static func physical(_ location: SourceLocation?, file: String) -> JSONText {
        let line = location.map { $0.isWholeFile ? 1 : $0.line } ?? 1
        let column = location.map { $0.isWholeFile ? 1 : $0.column } ?? 1
        return .object(["physicalLocation": .object([
            "artifactLocation": .object(["uri": .string(location?.file ?? file)]),
            "region": .object(["startLine": .int(line), "startColumn": .int(column)]),
        ])])
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }
}
