import ArgumentParser
import GPathDiagnostics

extension GPath {
    /// `gpath explain CODE`: what a diagnostic code means.
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Explain a diagnostic code, e.g. `gpath explain E201`.")

        @Argument(help: "A diagnostic code such as E201, or `all` to list every code.")
        var code: String

        func run() throws {
            if code.lowercased() == "all" {
                for entry in DiagnosticCode.all {
                    print("\(entry.rawValue)  \(entry.defaultSeverity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0))  \(entry.summary)")
                }
                return
            }
            guard let entry = DiagnosticCode.named(code) else {
                let help = Suggestion.help(for: code.uppercased(), among: DiagnosticCode.all.map(\.rawValue))
                throw CommandFailure.input("error: unknown diagnostic code `\(code)`" + help.map { "\n  = help: \($0)" }.joined())
            }
            print("\(entry.rawValue) (\(entry.defaultSeverity.rawValue)): \(entry.summary)")
        }
    }
}
