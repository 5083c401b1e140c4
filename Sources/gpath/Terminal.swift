import Foundation

/// Terminal facts: whether a stream is a TTY and whether colour is wanted (never when
/// `NO_COLOR` is set or `--no-color` is given).
enum Terminal {
    static func isTTY(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }

    static func wantsColor(_ descriptor: Int32, disabled: Bool) -> Bool {
        guard !disabled, isTTY(descriptor) else { return false }
        let value = ProcessInfo.processInfo.environment["NO_COLOR"] ?? ""
        return value.isEmpty
    }

    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
