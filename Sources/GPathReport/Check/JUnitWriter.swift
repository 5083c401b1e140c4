import GPathAnalysis

/// `gpath check --format junit`: one `<testsuite>` per file, one `<testcase>` per evaluated
/// rule, a `<failure>` listing the rule's error-level findings (warnings go to
/// `<system-out>`); a file that did not load is a suite with one `load` case in `<error>`.
/// Follows the common JUnit XML subset CI systems read.
public enum JUnitWriter {
    public static func write(_ results: [CheckResult]) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let tests = results.reduce(0) { $0 + ($1.failedToLoad ? 1 : $1.rules.count) }
        let failures = results.reduce(0) { $0 + failedRules($1).count }
        let errors = results.filter(\.failedToLoad).count
        out += "<testsuites name=\"gpath check\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\">\n"
        for result in results {
            if result.failedToLoad {
                out += loadError(result)
                continue
            }
            let failed = failedRules(result)
            out += "  <testsuite name=\"\(escape(result.file))\" tests=\"\(result.rules.count)\" failures=\"\(failed.count)\" errors=\"0\" time=\"0\">\n"
            for rule in result.rules {
                let mine = result.findings.filter { $0.rule == rule }
                let errors = mine.filter { $0.severity == .error }
                let warnings = mine.filter { $0.severity == .warning }
                out += "    <testcase classname=\"gpath.\(rule.id)\" name=\"\(rule.name)\" time=\"0\""
                if errors.isEmpty && warnings.isEmpty {
                    out += "/>\n"
                    continue
                }
                out += ">\n"
                if let first = errors.first {
                    let details = errors.map(line).joined(separator: "\n")
                    out += "      <failure message=\"\(escape(first.message))\" type=\"\(rule.id)\">\(escape(details))</failure>\n"
                }
                if !warnings.isEmpty {
                    out += "      <system-out>\(escape(warnings.map(line).joined(separator: "\n")))</system-out>\n"
                }
                out += "    </testcase>\n"
            }
            out += "  </testsuite>\n"
        }
        return out + "</testsuites>\n"
    }

    /// A file that did not load: one test case `load` in error, typed by the first error's code.
    private static func loadError(_ result: CheckResult) -> String {
        let errors = result.inputErrors
        let details = result.inputDiagnostics.map { d in
            let place = d.location.map { "\($0.description): " } ?? ""
            return "\(place)\(d.severity.rawValue)[\(d.code)]: \(d.message)"
        }.joined(separator: "\n")
        var out = "  <testsuite name=\"\(escape(result.file))\" tests=\"1\" failures=\"0\" errors=\"1\" time=\"0\">\n"
        out += "    <testcase classname=\"gpath.input\" name=\"load\" time=\"0\">\n"
        out += "      <error message=\"\(escape(errors.first?.message ?? "input error"))\" type=\"\(errors.first?.code.rawValue ?? "E111")\">\(escape(details))</error>\n"
        out += "    </testcase>\n  </testsuite>\n"
        return out
    }

    private static func failedRules(_ result: CheckResult) -> [Rule] {
        result.rules.filter { rule in result.findings.contains { $0.rule == rule && $0.severity == .error } }
    }

    private static func line(_ f: Finding) -> String {
        let place = f.location.map { "\($0.description): " } ?? ""
        return "\(place)\(f.severity.rawValue): \(f.message)"
    }

    /// XML attribute/text escaping.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(character)
            }
        }
        return out
    }
}
