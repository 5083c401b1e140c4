import ArgumentParser
import GPathAnalysis
import GPathDiagnostics

extension GPath {
    /// `gpath explain CODE`: what a diagnostic code means.
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Explain a diagnostic code, e.g. `gpath explain E201`.")

        @Argument(help: "A diagnostic code (E201), a rule (GP001 or max_shortest_gradient_path), `all` (every code) or `rules` (every rule).")
        var code: String

        func run() throws {
            if code.lowercased() == "rules" {
                for rule in Rule.allCases {
                    try StandardOutput.write("\(rule.id)  \(rule.name.padding(toLength: 38, withPad: " ", startingAt: 0))  \(rule.summary)" + "\n")
                }
                return
            }
            if let rule = Rule.named(code) {
                try StandardOutput.write("\(rule.id) \(rule.name): \(rule.summary)" + "\n")
                try StandardOutput.write("default: \(RuleConfiguration.defaults[rule].description)\(rule.needsTraining ? " (evaluated with `gpath check --train`)" : "")" + "\n")
                try StandardOutput.write("\n")
                try StandardOutput.write(rule.explanation + "\n")
                return
            }
            if code.lowercased() == "all" {
                for entry in DiagnosticCode.all {
                    try StandardOutput.write("\(entry.rawValue)  \(entry.defaultSeverity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0))  \(entry.summary)" + "\n")
                }
                return
            }
            guard let entry = DiagnosticCode.named(code) else {
                let help = Suggestion.help(for: code.uppercased(), among: DiagnosticCode.all.map(\.rawValue) + Rule.allCases.map(\.id))
                throw CommandFailure.input(.usage, "unknown diagnostic code `\(code)`", helps: help)
            }
            try StandardOutput.write("\(entry.rawValue) (\(entry.defaultSeverity.rawValue)): \(entry.summary)" + "\n")
        }
    }
}
