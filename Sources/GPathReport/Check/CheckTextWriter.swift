import GPathAnalysis
import GPathDiagnostics

/// `gpath check --format table`: each violation rustc-style with the source line, then one
/// summary line per file.
public enum CheckTextWriter {
    public static func write(_ results: [CheckResult], sources: [SourceFile], color: Bool = false) -> String {
        let renderer = DiagnosticRenderer(files: sources, color: color)
        var out = ""
        for result in results {
            for violation in result.violations {
                out += renderer.render(violation.diagnostic) + "\n"
            }
        }
        for result in results {
            var line = "\(result.file): \(result.layers) layers, "
            line += "\(result.errors) error\(result.errors == 1 ? "" : "s"), \(result.warnings) warning\(result.warnings == 1 ? "" : "s")"
            if result.baselined > 0 { line += ", \(result.baselined) in baseline" }
            out += line + (result.violations.isEmpty ? " — passed" : "") + "\n"
        }
        return out
    }
}
