import GPathAnalysis
import GPathDiagnostics

/// `gpath check --format json`: per file its findings (each listing the layers and locations
/// it covers) or, for a file that did not load, its input errors.
public enum CheckJSONWriter {
    public static func write(_ results: [CheckResult]) -> String {
        let files: [JSONText] = results.map { result in
            .object([
                "file": .string(result.file),
                "network": .string(result.network),
                "status": .string(result.failedToLoad ? "input-error" : result.findings.isEmpty ? "passed" : "findings"),
                "layers": .int(result.layers),
                "errors": .int(result.errors),
                "warnings": .int(result.warnings),
                "baselined": .int(result.baselined),
                "findings": .array(result.findings.map(finding)),
                "input_errors": .array(result.inputDiagnostics.map(diagnostic)),
            ])
        }
        return JSONText.object([
            "schema_version": .int(2),
            "tool": .object(["name": .string("gpath"), "version": .string(AnalysisReport.toolVersion)]),
            "files": .array(files),
            "errors": .int(results.reduce(0) { $0 + $1.errors }),
            "warnings": .int(results.reduce(0) { $0 + $1.warnings }),
            "input_errors": .int(results.reduce(0) { $0 + $1.inputErrors.count }),
            "summary": .string(results.totalLine),
        ]).rendered() + "\n"
    }

    static func finding(_ f: Finding) -> JSONText {
        let worst = f.worst
        var fields: [String: JSONText] = [
            "rule": .string(f.rule.id),
            "name": .string(f.rule.name),
            "severity": .string(f.severity.rawValue),
            "message": .string(f.message),
            "subject": worst.subject.map { .string($0) } ?? .null,
            "subjects": .array(f.subjects.map { .string($0) }),
            "locations": .array(f.locations.map(location)),
            "fingerprint": .string(f.fingerprint),
        ]
        if let primary = f.location { fields["location"] = location(primary) }
        if let value = worst.value { fields["value"] = .decimal(value) }
        if let threshold = f.threshold { fields["threshold"] = .decimal(threshold) }
        return .object(fields)
    }

    static func diagnostic(_ d: Diagnostic) -> JSONText {
        var fields: [String: JSONText] = [
            "code": .string(d.code.rawValue),
            "severity": .string(d.severity.rawValue),
            "message": .string(d.message),
            "notes": .array(d.notes.map { .string($0) }),
            "helps": .array(d.helps.map { .string($0) }),
        ]
        if let place = d.location { fields["location"] = location(place) }
        return .object(fields)
    }

    static func location(_ l: SourceLocation) -> JSONText {
        l.isWholeFile
            ? .object(["file": .string(l.file)])
            : .object(["file": .string(l.file), "line": .int(l.line), "column": .int(l.column)])
    }
}
