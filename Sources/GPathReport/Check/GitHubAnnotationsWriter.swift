import Foundation
import GPathAnalysis
import GPathDiagnostics

/// `gpath check --format github`: GitHub Actions workflow commands, one per violation:
/// `::error file=models/x.net,line=12,col=3,title=gpath/GP001::message`. Escaping follows
/// actions/toolkit: data `%`→`%25`, CR→`%0D`, LF→`%0A`; property values also `:`→`%3A`,
/// `,`→`%2C`.
public enum GitHubAnnotationsWriter {
    public static func write(_ results: [CheckResult]) -> String {
        var out = ""
        for result in results {
            for v in result.violations {
                let command = switch v.severity {
                case .error: "error"
                case .warning: "warning"
                case .note: "notice"
                }
                var properties = ["file=\(property(v.location?.file ?? result.file))"]
                if let location = v.location {
                    properties.append("line=\(location.line)")
                    properties.append("col=\(location.column)")
                }
                properties.append("title=\(property("gpath/\(v.rule.id)"))")
                out += "::\(command) \(properties.joined(separator: ","))::\(data("\(v.message) [\(v.rule.name)]"))\n"
            }
        }
        return out
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
