import Foundation

/// Locations of repository files for tests (found from this file's path, so tests run from any
/// working directory).
public enum RepositoryPaths {
    /// The package root.
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `docs/spec`: the team specification vendored into the repository, with its 29 worked
    /// examples (`examples/`) and their expected reports (`expected/`) — the analysis goldens.
    public static let spec: URL = root.appendingPathComponent("docs/spec")

    /// The names (without `.json`) of the spec's worked examples, sorted.
    public static var specExampleNames: [String] {
        let folder = spec.appendingPathComponent("examples")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// Files in `examples/` with the given extension, sorted.
    public static func examples(withExtension ext: String) -> [URL] {
        let folder = root.appendingPathComponent("examples")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix("." + ext) }.sorted().map { folder.appendingPathComponent($0) }
    }

    /// Files in the subfolder `examples/<folder>` (e.g. `paper`) with the given extension, sorted.
    public static func examples(withExtension ext: String, in folder: String) -> [URL] {
        let url = root.appendingPathComponent("examples").appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { $0.hasSuffix("." + ext) }.sorted().map { url.appendingPathComponent($0) }
    }

    /// The text of `url`, or an empty string (the test then fails on content).
    public static func text(_ url: URL) -> String {
        (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }
}
