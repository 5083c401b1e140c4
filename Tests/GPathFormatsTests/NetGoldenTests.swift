import Foundation
import GPathDiagnostics
import GPathFormats
import Testing

/// Compares `actual` with the golden file at `url`. With `GPATH_RECORD=1` in the environment
/// the golden is rewritten — and the test still fails, so a re-recorded baseline is looked at
/// before it is trusted. A missing golden is recorded and fails too.
func assertGolden(_ actual: String, at url: URL, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let recording = ProcessInfo.processInfo.environment["GPATH_RECORD"] == "1"
    guard !recording, let expected = try? String(contentsOf: url, encoding: .utf8) else {
        try? actual.write(to: url, atomically: true, encoding: .utf8)
        Issue.record("golden \(url.lastPathComponent) \(recording ? "re-recorded" : "was missing and has been recorded"); check it and run again without GPATH_RECORD", sourceLocation: sourceLocation)
        return
    }
    #expect(actual == expected, "golden \(url.lastPathComponent) differs; run with GPATH_RECORD=1 to re-record", sourceLocation: sourceLocation)
}

@Suite("NetReader rendered diagnostics")
struct NetGoldenTests {
    @Test("a file with several mistakes renders like its golden")
    func multipleErrors() {
        let directory = NetTestSupport.fixtures.appendingPathComponent("net-golden")
        let file = NetTestSupport.source(directory.appendingPathComponent("multiple_errors.net"))
        let (graph, diagnostics) = NetReader.read(file)
        #expect(graph == nil)
        let rendered = DiagnosticRenderer(files: [file]).render(diagnostics)
        assertGolden(rendered, at: directory.appendingPathComponent("multiple_errors.txt"))
    }
}
