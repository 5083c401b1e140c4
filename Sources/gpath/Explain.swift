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
                    print("\(rule.id)  \(rule.name.padding(toLength: 38, withPad: " ", startingAt: 0))  \(rule.summary)")
                }
                return
            }
            if let rule = Rule.named(code) {
                print("\(rule.id) \(rule.name): \(rule.summary)")
                print("default: \(RuleConfiguration.defaults[rule].description)\(rule.needsTraining ? " (evaluated with `gpath check --train`)" : "")")
                print("")
                print(rule.explanation)
                return
            }
            if code.lowercased() == "all" {
                for entry in DiagnosticCode.all {
                    print("\(entry.rawValue)  \(entry.defaultSeverity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0))  \(entry.summary)")
                }
                return
            }
            guard let entry = DiagnosticCode.named(code) else {
                let help = Suggestion.help(for: code.uppercased(), among: DiagnosticCode.all.map(\.rawValue) + Rule.allCases.map(\.id))
                throw CommandFailure.input("error: unknown diagnostic code `\(code)`" + help.map { "\n  = help: \($0)" }.joined())
            }
            print("\(entry.rawValue) (\(entry.defaultSeverity.rawValue)): \(entry.summary)")
        }
    }
}
