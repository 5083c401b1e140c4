import GPathAnalysis
import GPathDiagnostics

/// `gpath check --format table`: each finding rustc-style with the source line (input errors
/// of files that did not load the same way, with their own codes), one summary line per file,
/// then the total.
public enum CheckTextWriter {
    public static func write(_ results: [CheckResult], sources: [SourceFile], color: Bool = false) -> String {
        let renderer = DiagnosticRenderer(files: sources, color: color)
        var out = ""
        for result in results {
            for diagnostic in result.inputDiagnostics {
                out += renderer.render(diagnostic) + "\n"
            }
            for finding in result.findings {
                out += renderer.render(finding.diagnostic) + "\n"
            }
        }
        for result in results {
            if result.failedToLoad {
                let count = result.inputErrors.count
                out += "\(result.file): did not load, \(count) input error\(count == 1 ? "" : "s")\n"
                continue
            }
            var line = "\(result.file): \(result.layers) layers, "
            line += "\(result.errors) error\(result.errors == 1 ? "" : "s"), \(result.warnings) warning\(result.warnings == 1 ? "" : "s")"
            if result.baselined > 0 { line += ", \(result.baselined) in baseline" }
            out += line + (result.findings.isEmpty ? " — passed" : "") + "\n"
        }
        return out + results.totalLine + "\n"
    }
}
