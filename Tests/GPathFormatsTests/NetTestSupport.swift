import Foundation
import GPathDiagnostics
import GPathFormats
import GPathIR

/// Paths and helpers shared by the `.net` tests. Files are read from the source tree (found
/// with `#filePath`), so the fixtures need no resource declaration in `Package.swift`.
enum NetTestSupport {
    /// The repository root: three levels above this file.
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let fixtures = repositoryRoot.appendingPathComponent("Tests/GPathFormatsTests/Fixtures")
    static let examples = repositoryRoot.appendingPathComponent("examples")

    /// `.net` files directly inside `directory`, sorted by name.
    static func netFiles(in directory: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".net") }.sorted().map { directory.appendingPathComponent($0) }
    }

    /// A source file named relative to the repository root (stable in rendered output).
    static func source(_ url: URL) -> SourceFile {
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        let relative = url.path.hasPrefix(repositoryRoot.path + "/") ? String(url.path.dropFirst(repositoryRoot.path.count + 1)) : url.lastPathComponent
        return SourceFile(name: relative, text: text)
    }

    /// Reads `.net` text given inline.
    static func read(_ text: String, name: String = "test.net", parameters: [String: Int] = [:]) -> (graph: Graph?, diagnostics: [Diagnostic]) {
        NetReader.read(SourceFile(name: name, text: text), parameters: parameters)
    }

    /// Diagnostics as `line:code message` lines, for failure messages.
    static func describe(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map { "\($0.location.map { "\($0.line):\($0.column)" } ?? "-") \($0.code) \($0.message)" }.joined(separator: "\n")
    }
}
