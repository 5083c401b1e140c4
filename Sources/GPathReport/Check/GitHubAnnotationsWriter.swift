import Foundation
import GPathAnalysis
import GPathDiagnostics

/// `gpath check --format github`: GitHub Actions workflow commands, one per finding (grouped,
/// so GitHub's ~10 annotations per type per step are not used up by one repeated cause) and one
/// per input error: `::error file=models/x.net,line=12,col=3,title=gpath/GP001::message`.
/// Escaping follows actions/toolkit: data `%`→`%25`, CR→`%0D`, LF→`%0A`; property values also
/// `:`→`%3A`, `,`→`%2C`.
public enum GitHubAnnotationsWriter {
    public static func write(_ results: [CheckResult]) -> String {
        var out = ""
        for result in results {
            for diagnostic in result.inputDiagnostics {
                let text = ([diagnostic.message] + diagnostic.helps.map { "help: \($0)" }).joined(separator: "\n")
                out += annotation(diagnostic.severity, at: diagnostic.location, file: result.file, title: "gpath/\(diagnostic.code)", text: text)
            }
            for finding in result.findings {
                var text = "\(finding.message) [\(finding.rule.name)]"
                let others = finding.locations.filter { $0 != finding.location && !$0.isWholeFile }
                if !others.isEmpty { text += "\nalso at " + others.map(\.description).joined(separator: ", ") }
                out += annotation(finding.severity, at: finding.location, file: result.file, title: "gpath/\(finding.rule.id)", text: text)
            }
        }
        return out
    }

    private static func annotation(_ severity: Severity, at location: SourceLocation?, file: String, title: String, text: String) -> String {
        let command = switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "notice"
        }
        var properties = ["file=\(property(location?.file ?? file))"]
        if let location, !location.isWholeFile {
            properties.append("line=\(location.line)")
            properties.append("col=\(location.column)")
        }
        properties.append("title=\(property(title))")
        return "::\(command) \(properties.joined(separator: ","))::\(data(text))\n"
    }

    static func data(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    static func property(_ text: String) -> String {
        data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
