import GPathAnalysis

/// `gpath check --format json`.
public enum CheckJSONWriter {
    public static func write(_ results: [CheckResult]) -> String {
        let files: [JSONText] = results.map { result in
            .object([
                "file": .string(result.file),
                "network": .string(result.network),
                "layers": .int(result.layers),
                "errors": .int(result.errors),
                "warnings": .int(result.warnings),
                "baselined": .int(result.baselined),
                "violations": .array(result.violations.map(violation)),
            ])
        }
        return JSONText.object([
            "schema_version": .int(1),
            "tool": .object(["name": .string("gpath"), "version": .string(AnalysisReport.toolVersion)]),
            "files": .array(files),
            "errors": .int(results.reduce(0) { $0 + $1.errors }),
            "warnings": .int(results.reduce(0) { $0 + $1.warnings }),
        ]).rendered() + "\n"
    }

    static func violation(_ v: Violation) -> JSONText {
        var fields: [String: JSONText] = [
            "rule": .string(v.rule.id),
            "name": .string(v.rule.name),
            "severity": .string(v.severity.rawValue),
            "message": .string(v.message),
            "subject": v.subject.map { .string($0) } ?? .null,
            "fingerprint": .string(v.fingerprint),
        ]
        if let location = v.location {
            fields["location"] = .object(["file": .string(location.file), "line": .int(location.line), "column": .int(location.column)])
        }
        if let value = v.value { fields["value"] = .decimal(value) }
        if let threshold = v.threshold { fields["threshold"] = .decimal(threshold) }
        return .object(fields)
    }
}
