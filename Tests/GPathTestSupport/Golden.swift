import Foundation

/// Golden-file comparison. `GPATH_RECORD=1` rewrites the golden; a missing or re-recorded golden
/// is reported as a failure, so a baseline never passes silently.
public enum Golden {
    /// Returns nil when `actual` equals the golden at `path` (relative to the repository root),
    /// otherwise a failure message (including when the golden was missing or just recorded).
    public static func check(_ actual: String, against path: String) -> String? {
        let url = RepositoryPaths.root.appendingPathComponent(path)
        let record = ProcessInfo.processInfo.environment["GPATH_RECORD"] == "1"
        let existing = try? String(contentsOf: url, encoding: .utf8)
        if record || existing == nil {
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            return existing == nil
                ? "golden \(path) was missing; recorded it — check it and run again"
                : "golden \(path) re-recorded (GPATH_RECORD=1); unset it and run again"
        }
        guard let existing, existing != actual else { return nil }
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let b = existing.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        let got = line < a.count ? String(a[line]) : "<end>"
        let want = line < b.count ? String(b[line]) : "<end>"
        return "output differs from golden \(path) at line \(line + 1):\n  got:      \(got)\n  expected: \(want)"
    }
}
