/// An error that ends a command with a message (already formatted) and an exit code.
struct CommandFailure: Error {
    let message: String
    let exitCode: Int32

    /// Input or usage problem: exit 2.
    static func input(_ message: String) -> CommandFailure {
        CommandFailure(message: message.hasSuffix("\n") ? message : message + "\n", exitCode: 2)
    }

    /// Diagnostics were already printed; exit with `code`.
    static func silent(_ code: Int32) -> CommandFailure { CommandFailure(message: "", exitCode: code) }
}
