import GPathDiagnostics

/// An error that ends a command with a message (already formatted) and an exit code.
struct CommandFailure: Error {
    let message: String
    let exitCode: Int32

    /// An input, output or usage problem: a coded diagnostic, rendered rustc-style (uncoloured:
    /// it is short, and goldens compare it), exit 2.
    static func input(_ diagnostic: Diagnostic) -> CommandFailure {
        CommandFailure(message: DiagnosticRenderer(files: [], color: false).render(diagnostic), exitCode: 2)
    }

    /// Shorthand for ``input(_:)`` with a code, a message, optional location and helps.
    static func input(_ code: DiagnosticCode, _ message: String, at location: SourceLocation? = nil, notes: [String] = [], helps: [String] = []) -> CommandFailure {
        input(Diagnostic(code, message, at: location, notes: notes, helps: helps))
    }

    /// A message that already starts with `error[CODE]:` (the runtime's errors carry their
    /// codes), exit 2.
    static func coded(_ message: String) -> CommandFailure {
        CommandFailure(message: message.hasSuffix("\n") ? message : message + "\n", exitCode: 2)
    }

    /// Diagnostics were already printed; exit with `code`.
    static func silent(_ code: Int32) -> CommandFailure { CommandFailure(message: "", exitCode: code) }
}
