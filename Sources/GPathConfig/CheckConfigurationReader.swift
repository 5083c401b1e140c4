import GPathAnalysis
import GPathDiagnostics
import Yams

/// Parses `.gpath.yml` (spec `cli.md`, SwiftLint-style levels):
///
/// ```yaml
/// rules:
///   max_shortest_gradient_path: { warning: 30, error: 40 }   # or [30, 40]
///   max_longest_gradient_path: 200                           # scalar = error threshold
///   no_unreachable_units: error                              # presence rules: error|warning|off
///   max_params: 70e6
/// overrides:
///   - files: ["models/legacy/*.net"]
///     rules: { max_shortest_gradient_path: off }
/// baseline: .gpath-baseline.json
/// ```
///
/// Every problem is a diagnostic with the line and column of the offending YAML node.
public enum CheckConfigurationReader {
    public static func read(_ file: SourceFile) -> (configuration: CheckConfiguration?, diagnostics: [Diagnostic]) {
        if let nesting = YAMLNesting.problem(in: file) { return (nil, [nesting]) }
        let root: Node?
        do {
            root = try Yams.compose(yaml: file.text)
        } catch let error as YamlError {
            return (nil, [syntaxDiagnostic(error, file: file)])
        } catch {
            return (nil, [Diagnostic(.malformedConfig, "cannot read configuration: \(error)", at: SourceLocation(file: file.name, line: 1, column: 1))])
        }
        var reader = Reader(file: file)
        let configuration = reader.configuration(root)
        return (reader.diagnostics.containsError ? nil : configuration, reader.diagnostics)
    }

    /// Parses one `--rule name=value` flag value with the same rules as the file.
    public static func setting(for rule: Rule, text: String) -> RuleSetting? {
        guard YAMLNesting.problem(in: SourceFile(name: "--rule", text: text)) == nil, let node = try? Yams.compose(yaml: text) else { return nil }
        var reader = Reader(file: SourceFile(name: "--rule", text: text))
        let setting = reader.setting(node, for: rule)
        return reader.diagnostics.isEmpty ? setting : nil
    }

    private static func syntaxDiagnostic(_ error: YamlError, file: SourceFile) -> Diagnostic {
        var location = SourceLocation(file: file.name, line: 1, column: 1)
        var problem = "\(error)"
        switch error {
        case .scanner(_, let text, let mark, _), .parser(_, let text, let mark, _), .composer(_, let text, let mark, _):
            location = SourceLocation(file: file.name, line: mark.line, column: max(1, mark.column))
            problem = text
        default:
            problem = problem.split(separator: "\n").first.map(String.init) ?? problem
        }
        return Diagnostic(.malformedConfig, "invalid YAML: \(problem)", at: location)
    }
}
