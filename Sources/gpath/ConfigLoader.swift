import Foundation
import GPathAnalysis
import GPathConfig
import GPathDiagnostics

/// Finds, reads and describes `.gpath.yml` files (the file I/O half of configuration; parsing
/// lives in `GPathConfig`).
enum ConfigLoader {
    static let fileName = ".gpath.yml"

    /// Reads `path`; diagnostics go to stderr and end the command with exit 2.
    static func load(path: String, noColor: Bool) throws -> CheckConfiguration {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw CommandFailure.input(.unreadableInput, "cannot read configuration `\(path)`", at: SourceLocation(file: path))
        }
        let file = SourceFile(name: path, text: text)
        let (configuration, diagnostics) = CheckConfigurationReader.read(file)
        if !diagnostics.isEmpty {
            let renderer = DiagnosticRenderer(files: [file], color: Terminal.wantsColor(STDERR_FILENO, disabled: noColor))
            Terminal.writeError(renderer.render(diagnostics))
        }
        guard let configuration else { throw CommandFailure.silent(2) }
        return configuration
    }

    /// The nearest `.gpath.yml` in the input's folder or above it, or the defaults.
    static func nearest(to input: String, noColor: Bool) throws -> CheckConfiguration {
        let manager = FileManager.default
        var folder = URL(fileURLWithPath: input, relativeTo: URL(fileURLWithPath: manager.currentDirectoryPath))
            .standardizedFileURL.deletingLastPathComponent()
        while true {
            let candidate = folder.appendingPathComponent(fileName)
            if manager.fileExists(atPath: candidate.path) {
                return try load(path: relativePath(candidate.path), noColor: noColor)
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return CheckConfiguration() }
            folder = parent
        }
    }

    /// `path` relative to the working directory when it lies below it (for readable messages).
    private static func relativePath(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path
    }

    /// `--print-config` text: the resolved setting of every rule, as `.gpath.yml` would say it.
    static func describe(_ rules: RuleConfiguration, for input: String, source: String?) -> String {
        var out = "# resolved configuration for \(input) (from \(source ?? "built-in defaults"))\nrules:\n"
        for rule in Rule.allCases {
            out += "  \(rule.name): \(rules[rule].description)  # \(rule.id)\(rule.needsTraining ? ", with --train" : "")\n"
        }
        return out
    }
}

extension CheckConfiguration {
    /// The baseline path resolved against the configuration file's folder.
    var baselinePath: String? {
        guard let baseline else { return nil }
        guard let file, !baseline.hasPrefix("/") else { return baseline }
        let folder = (file as NSString).deletingLastPathComponent
        return folder.isEmpty ? baseline : folder + "/" + baseline
    }
}
