import ArgumentParser
import Foundation
import GPathDiagnostics
import GPathReport

/// The `gpath` command tree. Subcommands live one per file as extensions.
struct GPath: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gpath",
        abstract: "Gradient-path analysis of neural-network graphs.",
        discussion: """
            Follows the loss's gradient back to every layer: shortest and longest gradient \
            path per layer and channel unit, timestamps, sources, combinations, params, MACs.
            Exit codes: 0 clean, 1 findings, 2 usage or input errors.
            """,
        version: "0.1.0",
        subcommands: [Analyze.self, Check.self, Compare.self, Convert.self, Dot.self, Explain.self, Render.self, Report.self, Train.self])
}

/// Entry point: maps ArgumentParser's usage errors to exit code 2 (its default is 64) so the
/// documented convention holds: 0 clean, 1 findings, 2 usage or input errors.
@main
enum Main {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst().map { TildeExpansion.expand($0) }
        if arguments.isEmpty {
            // No command is a usage error: say what there is to run, exit 2.
            FileHandle.standardError.write(Data((GPath.helpMessage() + "\n").utf8))
            exit(2)
        }
        if let message = UsageSuggestions.unknownCommand(arguments) {
            FileHandle.standardError.write(Data(message.utf8))
            exit(2)
        }
        BLASSetup.prepare(command: arguments.first)
        do {
            var command = try GPath.parseAsRoot(arguments)
            try command.run()
        } catch let failure as CommandFailure {
            FileHandle.standardError.write(Data(failure.message.utf8))
            exit(failure.exitCode)
        } catch {
            let code = GPath.exitCode(for: error)
            let message = GPath.fullMessage(for: error)
            if code == .success {
                do {
                    if !message.isEmpty { try StandardOutput.write(message + "\n") }
                } catch let failure as CommandFailure {
                    FileHandle.standardError.write(Data(failure.message.utf8))
                    exit(2)
                } catch {}
                exit(0)
            }
            // Usage errors are coded diagnostics like every other exit 2.
            if code == .validationFailure || code.rawValue == 64 {
                let text = message.hasPrefix("Error: ") ? String(message.dropFirst("Error: ".count)) : message
                FileHandle.standardError.write(Data("error[\(DiagnosticCode.usage)]: \(text)\n".utf8))
                exit(2)
            }
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}
