import Foundation
import GPathDiagnostics
@testable import GPathFormats
import GPathIR
import GPathTestSupport
import Testing

/// `GraphJSONFastReader` against the full reader (`GraphDocument` + `JSONParser`): the same
/// builder calls (nodes, ops, channels, maps, edges, slices, locations, name), the same graph
/// and the same diagnostics, on every JSON file in the repository, on graphs `GraphJSONWriter`
/// writes, on seeded random documents and on broken ones.
struct GraphJSONFastReaderTests {
    /// A `GraphBuilder.addNode` call.
    struct NodeCall: Equatable {
        var name: String
        var op: Op
        var channels: Int?
        var spatial: Spatial?
        var location: GPathDiagnostics.SourceLocation?
    }

    /// A `GraphBuilder.connect` call.
    struct EdgeCall: Equatable {
        var source: String
        var destination: String
        var sourceRange: ChannelRange?
        var destinationRange: ChannelRange?
        var stopsGradient: Bool
        var location: GPathDiagnostics.SourceLocation?
    }

    /// Everything a read produces.
    struct Outcome: Equatable {
        var name: String?
        var nodes: [NodeCall] = []
        var edges: [EdgeCall] = []
        var built = false
        var diagnostics: [Diagnostic]
    }

    /// Reads `file` with the fast path first (`fast`) or with the full reader alone.
    static func outcome(_ file: SourceFile, fast: Bool) -> Outcome {
        switch GraphJSONReader.declare(file, fast: fast) {
        case .declared(var reader, let document, let members):
            let (graph, diagnostics) = reader.finish(document, members: members)
            return Outcome(
                name: reader.builder.name,
                nodes: reader.builder.declarations.map {
                    NodeCall(name: $0.name, op: $0.op, channels: $0.channels, spatial: $0.spatial, location: $0.location)
                },
                edges: reader.builder.connections.map {
                    EdgeCall(
                        source: $0.source, destination: $0.destination, sourceRange: $0.sourceRange,
                        destinationRange: $0.destinationRange, stopsGradient: $0.stopsGradient, location: $0.location)
                },
                built: graph != nil, diagnostics: diagnostics)
        case .finished(let graph, let diagnostics):
            return Outcome(built: graph != nil, diagnostics: diagnostics)
        }
    }

    /// Expects both readers to agree on `text`; returns whether the fast path kept it.
    @discardableResult
    static func expectSameReads(_ text: String, name: String = "g.json", _ label: @autoclosure () -> String) -> Bool {
        let file = SourceFile(name: name, text: text)
        let fast = outcome(file, fast: true)
        let full = outcome(file, fast: false)
        #expect(fast == full, "\(label())\n\(text)")
        return GraphJSONFastReader.declare(file) != nil
    }

    static let repositoryJSONFiles: [URL] = {
        var urls: [URL] = []
        for folder in ["docs", "Tests", "examples"] {
            let base = RepositoryPaths.root.appendingPathComponent(folder)
            let paths = FileManager.default.enumerator(atPath: base.path)?.compactMap { $0 as? String } ?? []
            urls += paths.filter { $0.hasSuffix(".json") }.sorted().map { base.appendingPathComponent($0) }
        }
        return urls
    }()

    @Test("every JSON file in the repository reads the same both ways", arguments: repositoryJSONFiles)
    func repositoryFile(_ url: URL) {
        Self.expectSameReads(RepositoryPaths.text(url), name: url.lastPathComponent, url.path)
    }

    @Test("the repository's JSON files are all there; the fast path keeps every example graph")
    func examplesStayFast() throws {
        let urls = Self.repositoryJSONFiles
        #expect(urls.count >= 70, "\(urls.count) files")
        let graphs = urls.filter {
            ($0.path.contains("docs/spec/examples/") || $0.path.contains("docs/examples/attention/")) && !$0.path.contains("/expected/")
        }
        #expect(graphs.count == 32)
        for url in graphs {
            let file = SourceFile(name: url.lastPathComponent, text: RepositoryPaths.text(url))
            #expect(GraphJSONFastReader.declare(file) != nil, "\(url.lastPathComponent): the fast path gave up")
        }
    }

    @Test("graphs GraphJSONWriter writes from every .net example read the same both ways, many lines or one")
    func writtenGraphs() throws {
        let urls = RepositoryPaths.examples(withExtension: "net")
        #expect(urls.count >= 15)
        for url in urls {
            let graph = try #require(NetReader.read(SourceFile(name: url.lastPathComponent, text: RepositoryPaths.text(url))).graph)
            let text = GraphJSONWriter.write(graph)
            let minified = text.split(separator: "\n").map { $0.drop { $0 == " " } }.joined()
            #expect(Self.expectSameReads(text, url.lastPathComponent), "\(url.lastPathComponent): the fast path gave up")
            #expect(Self.expectSameReads(minified, "\(url.lastPathComponent), one line"))
        }
    }

    @Test("seeded random documents read the same both ways", arguments: 0..<40)
    func randomDocuments(seed: UInt64) {
        var generator = RandomGraphJSON(seed: seed)
        var kept = 0
        for index in 0..<50 {
            let text = generator.document()
            if Self.expectSameReads(text, "seed \(seed), document \(index)") { kept += 1 }
        }
        // Most documents keep to the plain shape or send single entries back: the fast path
        // must keep a good share, or this test compares the full reader with itself.
        #expect(kept >= 15, "seed \(seed): the fast path kept only \(kept) of 50")
    }

    @Test("a plain document is read by the fast path, with edges before nodes, CR LF and a trailing comma")
    func plainShapes() throws {
        let text = "{\"edges\": [{\"src\": \"x\",\r\n \"dst\": \"l\", \"src_slice\": [0, 1], \"stop_gradient\": false},],\r\n"
            + " \"name\": \"n\", \"nodes\": [\r\n {\"op\": \"input\", \"id\": \"x\", \"channels\": 2},\n\t{\"id\": \"l\", \"op\": \"loss\"}]}"
        #expect(Self.expectSameReads(text, "plain"))
        let outcome = Self.outcome(SourceFile(name: "g.json", text: text), fast: true)
        #expect(outcome.built && outcome.diagnostics.isEmpty && outcome.name == "n")
        #expect(outcome.edges.first?.location == GPathDiagnostics.SourceLocation(file: "g.json", line: 1, column: 13, length: 5))
        #expect(outcome.nodes.map(\.location) == [
            GPathDiagnostics.SourceLocation(file: "g.json", line: 4, column: 24, length: 3),
            GPathDiagnostics.SourceLocation(file: "g.json", line: 5, column: 9, length: 3),
        ])
    }

    @Test("non-ASCII text before a node on its line: the location is the file's, in characters")
    func nonASCIILines() {
        let text = "{\"description\": \"é\", \"nodes\": [{\"id\": \"x\", \"op\": \"input\", \"channels\": 1},\n"
            + "{\"id\": \"ü\", \"op\": \"layer\", \"channels\": 1}, {\"id\": \"l\", \"op\": \"loss\"}],\n"
            + "\"edges\": [{\"dst\": \"ü\", \"src\": \"x\"}, {\"role\": \"é\", \"src\": \"ü\", \"dst\": \"l\"}]}"
        #expect(Self.expectSameReads(text, "non-ASCII"))
        let outcome = Self.outcome(SourceFile(name: "g.json", text: text), fast: true)
        #expect(outcome.nodes.map { $0.location.map { "\($0.line):\($0.column)+\($0.length)" } } == ["1:39+3", "2:8+3", "2:51+3"])
    }

    @Test("every problem is reported as the full reader reports it", arguments: [
        "{\"nodes\": [\n  {\"id\": \"x\",, }\n]}",
        "{\"nodes\": [{\"id\": \"x\", \"op\": \"input\", \"channels\": 1e999}]}",
        "{\"nodes\": [{\"id\": \"a\\qb\"}]}",
        "{\"nodes\": [{\"id\": \"x\", \"op\": \"concatt\"}], \"edges\": []}",
        "{\"nodes\": [{\"id\": \"x\", \"op\": \"input\", \"channels\": 1}, {\"id\": \"x\", \"op\": \"loss\"}], \"edges\": [{\"src\": \"x\", \"dst\": \"x\"}]}",
        "{\"nodes\": [{\"id\": \"x\", \"op\": \"input\", \"channels\": \"three\"}, {\"id\": \"l\", \"op\": \"layer\", \"channels\": 2.5}], \"edges\": [{\"src\": \"x\", \"dst\": \"l\", \"src_slice\": [0]}]}",
        "{\"nodes\": [{\"id\": \"x\", \"op\": \"input\", \"channels\": 2}, {\"id\": \"l\", \"op\": \"loss\"}], \"edges\": [{\"src\": \"x\", \"dst\": \"l\", \"src_slice\": [2, 1]}]}",
        "{\"nodes\": [{\"id\": \"r\", \"op\": \"reshape\"}, {\"id\": \"t\", \"op\": \"slice_tokens\"}]}",
        "{\"nodes\": [{\"id\": \"x\", \"op\": \"input\", \"channels\": 1}], \"edges\": {}}",
        "{\"nodes\": {}}",
        "{\"name\": \"g\"}",
        "[]",
        "{\"nodes\": [{\"id\": \"x\", \"op\": \"input\", \"channels\": 1}]} x",
        "{\"nodes\": [" + String(repeating: "[", count: 600) + String(repeating: "]", count: 600) + "]}",
        "{\"nodes\": [{\"id\": \"x\", \"op\": \"input\", \"channels\": 01}]}",
        "{\"nodes\": [{\"id\": \"x\", \"op\": \"input\", \"channels\": -}]}",
        "{\"nodes\": [{\"id\": \"x\", \"op\": \"input\", \"channels\": 1}], \"edges\": [{\"src\": \"x\", \"dst\": \"y\", \"stop_gradient\": tru}]}",
    ])
    func problems(_ text: String) {
        Self.expectSameReads(text, "problem")
        #expect(!Self.outcome(SourceFile(name: "g.json", text: text), fast: true).diagnostics.isEmpty)
    }

    @Test("a sample with every edge field, cut at every byte or with one byte changed, reads the same both ways")
    func everyPrefixAndByte() {
        let sample = "{\"name\": \"s\", \"nodes\": [\n {\"id\": \"in\", \"op\": \"input\", \"channels\": 2, \"height\": 4, \"width\": 4},\n"
            + " {\"id\": \"L1\", \"op\": \"layer\", \"channels\": 2, \"groups\": 2},\n {\"id\": \"A\", \"op\": \"add\"}, {\"id\": \"loss\", \"op\": \"loss\"}],\n"
            + " \"edges\": [{\"src\": \"in\", \"dst\": \"L1\"}, {\"src\": \"L1\", \"dst\": \"A\", \"src_slice\": [0, 1], \"dst_slice\": [0, 1]},\n"
            + "  {\"src\": \"in\", \"dst\": \"A\", \"src_slice\": [1, 2], \"stop_gradient\": true}, {\"src\": \"A\", \"dst\": \"loss\"}]}\n"
        #expect(Self.expectSameReads(sample, "sample"))
        let bytes = Array(sample.utf8)
        for length in 0..<bytes.count {
            Self.expectSameReads(String(decoding: bytes[..<length], as: UTF8.self), "cut at \(length)")
        }
        for offset in bytes.indices {
            for replacement in Array("\"{,0a".utf8) where bytes[offset] != replacement {
                var changed = bytes
                changed[offset] = replacement
                Self.expectSameReads(String(decoding: changed, as: UTF8.self), "byte \(offset) as \(replacement)")
            }
        }
    }
}
