import Foundation
import GPathDiagnostics

/// File-system problems with an input path, as coded diagnostics (E111) located at the file.
enum InputFile {
    /// Why `path` cannot be read as an input file, or nil when it can be tried.
    static func problem(reading path: String) -> Diagnostic? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return unreadable(path, reason: "the file does not exist", helps: similarName(to: path).map { ["did you mean `\($0)`?"] } ?? [])
        }
        if isDirectory.boolValue { return unreadable(path, reason: "it is a directory") }
        if !FileManager.default.isReadableFile(atPath: path) { return unreadable(path, reason: "permission denied") }
        return nil
    }

    /// E111 for `path`, saying why.
    static func unreadable(_ path: String, reason: String, helps: [String] = []) -> Diagnostic {
        Diagnostic(.unreadableInput, "cannot read `\(path)`: \(reason)", at: SourceLocation(file: path), helps: helps)
    }

    /// A file in the same folder whose name is a plausible typo of `path`'s (bounded: at most
    /// the first 1,000 entries of the folder are compared).
    private static func similarName(to path: String) -> String? {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return nil }
        guard let match = Suggestion.closest(to: url.lastPathComponent, among: names.sorted().prefix(1000)) else { return nil }
        let prefix = path.contains("/") ? String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)]) + "/" : ""
        return prefix + match
    }
}
