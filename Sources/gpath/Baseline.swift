import Foundation
import GPathAnalysis
import GPathDiagnostics
import GPathReport

/// Baseline files: the fingerprints (rule, file, layer) of accepted violations, so a team can
/// adopt `gpath check` on an existing model and fail only on new violations.
enum Baseline {
    static func read(_ path: String) throws -> Set<String> {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure.input(.unreadableInput, "cannot read baseline `\(path)`", at: SourceLocation(file: path))
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let entries = object["violations"] as? [[String: Any]]
        else {
            throw CommandFailure.input(.badBaseline, "baseline `\(path)` is not a gpath baseline (expected {\"violations\": [...]})", at: SourceLocation(file: path))
        }
        return Set(entries.compactMap { $0["fingerprint"] as? String })
    }

    static func write(_ violations: [Violation], to path: String, inputs: [String]) throws {
        let entries: [JSONText] = Set(violations.map(\.fingerprint)).sorted().map { fingerprint in
            let parts = fingerprint.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            return .object([
                "fingerprint": .string(fingerprint),
                "rule": .string(parts.first ?? ""),
                "file": .string(parts.count > 1 ? parts[1] : ""),
                "subject": .string(parts.count > 2 ? parts[2] : ""),
            ])
        }
        let text = JSONText.object(["version": .int(1), "violations": .array(entries)]).rendered() + "\n"
        try OutputFile.emit(text, to: path, inputs: inputs)
    }
}
