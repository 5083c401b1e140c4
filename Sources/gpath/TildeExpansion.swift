import Foundation

/// `~` in path arguments the shell leaves alone: `--output=~/r.json`, `--data cifar10:~/data`,
/// `-o '~/r.json'`. Applied once to the command line before parsing, so every path argument of
/// every command expands the same way (a shell has already expanded an unquoted leading `~`).
enum TildeExpansion {
    /// The home directory: `$HOME`, else the password database's entry.
    static var home: String {
        if let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty { return home }
        return NSHomeDirectory()
    }

    /// `argument` with a leading `~` or `~/`, one after the `=` of a `--name=value` option, or one
    /// after the `:` of a `scheme:path` data source, replaced by the home directory.
    static func expand(_ argument: String, home: String = home) -> String {
        func expandPath(_ path: Substring) -> String? {
            guard path == "~" || path.hasPrefix("~/") else { return nil }
            return home + path.dropFirst()
        }
        if let expanded = expandPath(argument[...]) { return expanded }
        if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
            let value = argument[argument.index(after: equals)...]
            if let expanded = expandPath(value) { return argument[...equals] + expanded }
        }
        if let colon = argument.firstIndex(of: ":"), argument[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }),
           let expanded = expandPath(argument[argument.index(after: colon)...]) {
            return argument[...colon] + expanded
        }
        return argument
    }
}
