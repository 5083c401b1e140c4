import GPathAnalysis
import GPathDiagnostics

/// `gpath check --format sarif`: SARIF 2.1.0 for GitHub code scanning (one run, the rules of
/// every evaluated rule in `tool.driver.rules`, one result per violation with its location).
public enum SARIFWriter {
    public static func write(_ results: [CheckResult]) -> String {
        let rules = Array(Set(results.flatMap(\.rules))).sorted()
        let driver: JSONText = .object([
            "name": .string("gpath"),
            "version": .string(AnalysisReport.toolVersion),
            "informationUri": .string("https://github.com/gpath/gpath"),
            "rules": .array(rules.map { rule in
                .object([
                    "id": .string(rule.id),
                    "name": .string(rule.name),
                    "shortDescription": .object(["text": .string(rule.summary)]),
                    "defaultConfiguration": .object(["level": .string(level(RuleConfiguration.defaults[rule].presence ?? (RuleConfiguration.defaults[rule].error != nil ? .error : .warning)))]),
                ])
            }),
        ])
        let sarifResults: [JSONText] = results.flatMap { result in
            result.violations.map { v -> JSONText in
                var physical: [String: JSONText] = [
                    "artifactLocation": .object(["uri": .string(v.location?.file ?? result.file)]),
                ]
                physical["region"] = .object([
                    "startLine": .int(v.location?.line ?? 1),
                    "startColumn": .int(v.location?.column ?? 1),
                ])
                return .object([
                    "ruleId": .string(v.rule.id),
                    "ruleIndex": .int(rules.firstIndex(of: v.rule) ?? 0),
                    "level": .string(level(v.severity)),
                    "message": .object(["text": .string(v.message)]),
                    "locations": .array([.object(["physicalLocation": .object(physical)])]),
                    "partialFingerprints": .object(["gpath/v1": .string(v.fingerprint)]),
                ])
            }
        }
        return JSONText.object([
            "version": .string("2.1.0"),
            "$schema": .string("https://json.schemastore.org/sarif-2.1.0.json"),
            "runs": .array([.object(["tool": .object(["driver": driver]), "results": .array(sarifResults)])]),
        ]).rendered() + "\n"
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }
}
