import GPathDiagnostics
import GPathFormats
import GPathIR
import GPathTestSupport
import Testing

/// Broken graph JSON through `GraphJSONReader`: every outcome is a located, coded diagnostic,
/// never a crash — a sample file cut at every byte, minified or not, nesting past the limit,
/// and the places node and edge diagnostics point at.
struct GraphJSONSyntaxErrorTests {
    private func read(_ text: String) -> (Graph?, [Diagnostic]) {
        GraphJSONReader.read(SourceFile(name: "g.json", text: text))
    }

    private static let sample = RepositoryPaths.text(RepositoryPaths.spec.appendingPathComponent("examples/fig7b_prn.json"))

    @Test("a sample file cut at every byte is E105 at or before the cut, many lines or one", arguments: [false, true])
    func everyPrefix(minified: Bool) throws {
        try #require(!Self.sample.isEmpty, "docs/spec/examples/fig7b_prn.json is missing")
        let full = minified ? Self.sample.split(separator: "\n").map { $0.drop { $0 == " " } }.joined() : Self.sample
        let bytes = Array(full.utf8)
        let complete = Array(full.utf8.reversed().drop { $0 == UInt8(ascii: "\n") }.reversed()).count
        for length in 0..<complete {
            let prefix = String(decoding: bytes[..<length], as: UTF8.self)
            let file = SourceFile(name: "cut.json", text: prefix)
            let (graph, diagnostics) = GraphJSONReader.read(file)
            #expect(graph == nil, "cut at \(length)")
            #expect(diagnostics.map(\.code.rawValue) == ["E105"], "cut at \(length): \(diagnostics.map(\.message))")
            let location = try #require(diagnostics.first?.location, "cut at \(length)")
            let end = file.location(ofOffset: length)
            #expect(location.line < end.line || (location.line == end.line && location.column <= end.column), "cut at \(length)")
        }
    }

    @Test("the old example's error now says what was expected, at the same place")
    func expectation() {
        let (_, diagnostics) = read("{\"nodes\": [\n  {\"id\": \"x\",, }\n]}")
        #expect(diagnostics.map(\.message) == ["malformed JSON: expected a member name (a string in double quotes), found `,`"])
        #expect(diagnostics.first?.location.map { "\($0.line):\($0.column)" } == "2:14")
    }

    @Test("end of file, trailing text and bad escapes are located at the byte")
    func locations() {
        func summary(_ text: String) -> String {
            let diagnostic = read(text).1.first
            return "\(diagnostic?.code.rawValue ?? "-") \(diagnostic?.location?.line ?? 0):\(diagnostic?.location?.column ?? 0)"
        }
        #expect(summary("{\"nodes\": [\n  {\"id\": \"x\"") == "E105 2:13")
        #expect(summary("{\"nodes\": []}\n{}") == "E105 2:1")
        #expect(summary("{\"nodes\": [{\"id\": \"a\\qb\"}]}") == "E105 1:21")
        #expect(summary("{\"nodes\": [{\"id\": \"é\\ud800\"}]}") == "E105 1:21")
        #expect(summary("{\"nodes\": [{\"id\": \"x\", \"op\": \"input\", \"channels\": 1e999}]}") == "E105 1:51")
    }

    @Test("nesting beyond 512 levels is E217 at the bracket, wherever it is; 100,000 levels do not overflow")
    func nesting() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let (graph, diagnostics) = read(deep)
        #expect(graph == nil)
        #expect(diagnostics.map(\.code.rawValue) == ["E217"])
        #expect(diagnostics.first?.location?.column == 513)
        #expect(diagnostics.first?.message == "JSON nesting beyond gpath's limit: arrays and objects nest more than 512 levels deep")
        let field = "{\"nodes\": [{\"id\": \"x\", \"op\": \"input\", \"extra\": " + String(repeating: "[", count: 600) + String(repeating: "]", count: 600) + "}]}"
        #expect(read(field).1.map(\.code.rawValue) == ["E217"])
        let fine = "{\"nodes\": [{\"id\": \"x\", \"op\": \"input\", \"channels\": 1, \"extra\": " + String(repeating: "[", count: 509) + String(repeating: "]", count: 509) + "}]}"
        #expect(read(fine).1.allSatisfy { $0.code != .sizeLimit && $0.code != .malformedJSON })
    }

    @Test("a duplicate node id points at the second declaration, with a note at the first")
    func duplicateNode() throws {
        let (_, diagnostics) = read("""
            {"nodes": [
              {"id": "x", "op": "input", "channels": 1},
              {"id": "x", "op": "layer", "channels": 1}]}
            """)
        let duplicate = try #require(diagnostics.first { $0.code == .duplicateNode })
        #expect(duplicate.location.map { "\($0.line):\($0.column)" } == "3:10")
        #expect(duplicate.notes == ["first defined at g.json:2:10"])
    }

    @Test("entries without an anchor point at themselves; an edge's diagnostics at its own `src`")
    func entryLocations() {
        let (_, diagnostics) = read("""
            {"nodes": [
              {"id": "x", "op": "input", "channels": 1},
              7,
              {"op": "layer"}],
             "edges": [{"dst": "x"},
                       {"src": "x", "dst": "nowhere"}]}
            """)
        let located = diagnostics.map { "\($0.code.rawValue) \($0.location?.line ?? 0):\($0.location?.column ?? 0) \($0.message)" }
        #expect(located.contains("E106 3:3 node 1 is not an object"), "\(located)")
        #expect(located.contains("E106 4:3 node 2 needs a string `id`"), "\(located)")
        #expect(located.contains("E106 5:12 edge 0 needs string `src` and `dst`"), "\(located)")
    }

    @Test("`nodes` or `edges` of the wrong type point at their value")
    func listLocations() {
        #expect(read("{\"nodes\": 3}").1.first?.location?.column == 11)
        #expect(read("{\"nodes\": [], \"edges\": {}}").1.first?.location?.column == 24)
        #expect(read("[1]").1.map(\.message) == ["a graph must be a JSON object"])
    }
}
