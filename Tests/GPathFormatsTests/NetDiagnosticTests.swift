import Foundation
import GPathDiagnostics
import GPathFormats
import GPathIR
import Testing

/// Diagnostics fixtures: every `.net` file under `Fixtures/net-errors/` states the diagnostics
/// it must produce with markers in comments:
///
/// - `# expect: E201` at the end of a line: a diagnostic with that code is reported on that
///   line. Several codes may follow, separated by spaces or commas (`# expect: E201 E202`).
/// - `# expect-unlocated: E302` anywhere: a diagnostic with that code and no location.
///
/// The test reads each fixture and requires the set of reported (line, code) pairs to equal the
/// set of markers exactly — nothing missing, nothing extra.
@Suite("NetReader diagnostics")
struct NetDiagnosticTests {
    static let fixtureDirectory = NetTestSupport.fixtures.appendingPathComponent("net-errors")
    static let fixtures = NetTestSupport.netFiles(in: fixtureDirectory)

    struct Marker: Hashable, Comparable, CustomStringConvertible {
        var line: Int?
        var code: String
        static func < (a: Marker, b: Marker) -> Bool { (a.line ?? 0, a.code) < (b.line ?? 0, b.code) }
        var description: String { "\(line.map(String.init) ?? "-"):\(code)" }
    }

    /// The markers of `text`.
    static func markers(in text: String) -> Set<Marker> {
        var result: Set<Marker> = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            for (keyword, located) in [("# expect-unlocated:", false), ("# expect:", true)] {
                guard let range = line.range(of: keyword) else { continue }
                let codes = line[range.upperBound...].split(whereSeparator: { $0 == " " || $0 == "," })
                for code in codes { result.insert(Marker(line: located ? index + 1 : nil, code: String(code))) }
                break
            }
        }
        return result
    }

    @Test("the fixture folder is not empty")
    func fixturesExist() {
        #expect(Self.fixtures.count >= 8)
    }

    @Test("every fixture reports exactly the diagnostics its markers name", arguments: fixtures)
    func fixtureMatchesMarkers(_ url: URL) {
        let file = NetTestSupport.source(url)
        let expected = Self.markers(in: file.text)
        let (graph, diagnostics) = NetReader.read(file)
        let actual = Set(diagnostics.map { Marker(line: $0.location?.line, code: $0.code.rawValue) })
        #expect(graph == nil)
        #expect(actual == expected, """
            \(url.lastPathComponent)
            missing: \(expected.subtracting(actual).sorted())
            unexpected: \(actual.subtracting(expected).sorted())
            reported:
            \(NetTestSupport.describe(diagnostics))
            """)
    }

    @Test("together the fixtures cover every code the reader emits")
    func fixturesCoverCodes() {
        var covered: Set<String> = []
        for url in Self.fixtures {
            covered.formUnion(Self.markers(in: NetTestSupport.source(url).text).map(\.code))
        }
        let required = ["E101", "E102", "E103", "E104", "E107", "E201", "E202", "E203", "E204", "E205", "E206",
                        "E207", "E208", "E209", "E210", "E301", "E302"]
        #expect(Set(required).subtracting(covered).isEmpty, "not covered: \(Set(required).subtracting(covered).sorted())")
    }

    @Test("an error inside a block body notes where the block was instantiated")
    func instantiationNote() throws {
        let text = "block unit(c) {\n  conv(c, s=0)\n}\nblock outer() {\n  unit(4)\n}\ninput x 4\nouter\nloss l = loss(x)"
        let diagnostic = try #require(NetTestSupport.read(text).diagnostics.first)
        #expect(diagnostic.code == .invalidValue)
        #expect(diagnostic.location?.line == 2)
        #expect(diagnostic.notes == [
            "in block `unit` instantiated at test.net:5:3",
            "in block `outer` instantiated at test.net:8:1",
        ])
    }

    @Test("unknown ops and names suggest the closest spelling")
    func didYouMean() {
        let (_, diagnostics) = NetTestSupport.read("input image 3\nconvv(4)\nx = relu(imag)\nloss l = loss(image)")
        #expect(diagnostics.map(\.helps) == [["did you mean `conv`?"], ["did you mean `image`?"]])
    }
}
