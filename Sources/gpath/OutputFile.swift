import Foundation

/// Writes command results: to stdout, or atomically to a file (a temporary file beside the
/// target, then a rename), so an interrupted run never leaves a half-written report.
enum OutputFile {
    static func emit(_ text: String, to path: String?) throws {
        guard let path, path != "-" else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CommandFailure.input("error: cannot write `\(path)`: \(error.localizedDescription)")
        }
    }
}
