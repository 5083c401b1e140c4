import GPathAnalysis
import GPathDiagnostics

/// The findings section: each `gpath check` finding with its severity, rule, message,
/// `file:line:column` and the source line with a caret under the column.
extension HTMLReportWriter {
    static func findingsSection(_ findings: HTMLReportInput.Findings?) -> String {
        var out = "<section id=\"findings\">\n<h2>Check findings</h2>\n"
        guard let findings else {
            return out + "<p class=\"note\">The check rules were not evaluated.</p>\n</section>\n"
        }
        let result = findings.result
        let rules = result.rules.count
        if result.findings.isEmpty {
            out += "<p class=\"passed\">No findings: \(rules) rule\(rules == 1 ? "" : "s") evaluated, all passed.</p>\n"
        } else {
            out += "<p>\(result.errors) error\(result.errors == 1 ? "" : "s"), \(result.warnings) warning\(result.warnings == 1 ? "" : "s") "
            out += "from \(rules) rule\(rules == 1 ? "" : "s") (as <code>gpath check</code> reports them).</p>\n"
        }
        if result.baselined > 0 {
            out += "<p class=\"note\">\(result.baselined) more violation\(result.baselined == 1 ? " is" : "s are") recorded in the baseline and not shown.</p>\n"
        }
        out += "<ol class=\"findings\">\n"
        for finding in result.findings { out += item(finding, source: findings.source) }
        return out + "</ol>\n</section>\n"
    }

    private static func item(_ finding: Finding, source: SourceFile?) -> String {
        let severity = finding.severity.rawValue
        var out = "<li class=\"finding \(severity)\"><p><span class=\"severity\">\(severity)</span> "
        out += "<code class=\"code\">\(HTMLText.escaped(finding.rule.id))</code> <code class=\"rule\">\(HTMLText.escaped(finding.rule.name))</code>: "
        out += "\(HTMLText.escaped(finding.message))</p>\n"
        if let location = finding.location {
            out += "<p class=\"where\">\(HTMLText.escaped(location.description))</p>\n"
            if !location.isWholeFile, let source, location.line >= 1 {
                let text = source.lineText(location.line)
                if !text.isEmpty {
                    let gutter = String(location.line)
                    let pad = String(repeating: " ", count: gutter.count)
                    let lead = String(text.prefix(max(0, location.column - 1)).map { $0 == "\t" ? "\t" : " " })
                    let caret = String(repeating: "^", count: max(1, location.length))
                    out += "<pre class=\"source\">\(gutter) | \(HTMLText.escaped(text))\n\(pad) | \(lead)\(caret)</pre>\n"
                }
            }
        }
        let others = finding.locations.filter { $0 != finding.location && !$0.isWholeFile }
        if !others.isEmpty {
            let shown = others.prefix(8).map(\.description).joined(separator: ", ") + (others.count > 8 ? " and \(others.count - 8) more" : "")
            out += "<p class=\"also\">also at \(HTMLText.escaped(shown))</p>\n"
        }
        return out + "</li>\n"
    }
}
