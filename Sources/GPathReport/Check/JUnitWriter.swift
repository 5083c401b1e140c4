import GPathAnalysis

/// `gpath check --format junit`: one `<testsuite>` per file, one `<testcase>` per evaluated
/// rule, a `<failure>` listing the rule's error-level violations (warnings go to
/// `<system-out>`), following the common JUnit XML subset CI systems read.
public enum JUnitWriter {
    public static func write(_ results: [CheckResult]) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let tests = results.reduce(0) { $0 + $1.rules.count }
        let failures = results.reduce(0) { total, result in
            total + result.rules.filter { rule in result.violations.contains { $0.rule == rule && $0.severity == .error } }.count
        }
        out += "<testsuites name=\"gpath check\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\">\n"
        for result in results {
            let failed = result.rules.filter { rule in result.violations.contains { $0.rule == rule && $0.severity == .error } }
            out += "  <testsuite name=\"\(escape(result.file))\" tests=\"\(result.rules.count)\" failures=\"\(failed.count)\" errors=\"0\" time=\"0\">\n"
            for rule in result.rules {
                let mine = result.violations.filter { $0.rule == rule }
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

    private static func line(_ v: Violation) -> String {
        let place = v.location.map { "\($0.file):\($0.line):\($0.column): " } ?? ""
        return "\(place)\(v.severity.rawValue): \(v.message)"
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
