import ArgumentParser
import GPathDiagnostics

/// "Did you mean" for a misspelt subcommand (`gpath analyse`), which ArgumentParser reports as
/// unexpected arguments (it already suggests the closest flag for a misspelt option).
enum UsageSuggestions {
    /// The subcommands' names, as typed.
    static var commandNames: [String] {
        GPath.configuration.subcommands.map { $0._commandName } + ["help"]
    }

    /// An error for a first argument that is neither a flag nor a subcommand, or nil.
    static func unknownCommand(_ arguments: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-"), !commandNames.contains(first) else { return nil }
        var message = "error: unknown command `\(first)`\n"
        if let match = Suggestion.closest(to: first, among: commandNames) {
            message += "  = help: did you mean `\(match)`?\n"
        }
        message += "  = note: commands: \(commandNames.filter { $0 != "help" }.joined(separator: ", ")); `gpath help COMMAND` for details\n"
        return message
    }
}
