import Foundation
import GPathDiagnostics
import GPathFormats
import GPathIR
import GPathTestSupport
import Testing

struct GraphJSONReaderTests {
    private func read(_ text: String) -> (Graph?, [Diagnostic]) {
        GraphJSONReader.read(SourceFile(name: "g.json", text: text))
    }

    @Test("every worked example reads without diagnostics")
    func examples() throws {
        let folder = RepositoryPaths.spec.appendingPathComponent("examples")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
        #expect(names.count == 29)
        for name in names {
            let (graph, diagnostics) = GraphJSONReader.read(SourceFile(name: name, text: RepositoryPaths.text(folder.appendingPathComponent(name))))
            #expect(graph != nil && diagnostics.isEmpty, "\(name): \(diagnostics.map(\.message))")
        }
    }

    @Test("aliases map to the documented ops; conv with a kernel becomes a convolution")
    func aliases() throws {
        let (graph, diagnostics) = read("""
            {"name": "a", "nodes": [
              {"id": "x", "op": "input", "channels": 3, "height": 8, "width": 8},
              {"id": "c", "op": "conv", "channels": 4, "kernel": 3, "stride": 2},
              {"id": "s", "op": "split"}, {"id": "d", "op": "detach"}, {"id": "o", "op": "output"}],
             "edges": [{"src": "x", "dst": "c"}, {"src": "c", "dst": "s", "src_slice": [0, 2]},
                       {"src": "s", "dst": "d"}, {"src": "d", "dst": "o"}]}
            """)
        #expect(diagnostics.isEmpty)
        let built = try #require(graph)
        #expect(built.node(named: "c")?.op == .convolution(Convolution(kernel: 3, stride: 2)))
        #expect(built.node(named: "c")?.spatial == Spatial(height: 4, width: 4))
        #expect(built.node(named: "s")?.channels == 2)
        #expect(built.node(named: "d")?.op == .stopGradient)
    }

    @Test("unknown ops get a suggestion and the node's line")
    func unknownOp() {
        let (graph, diagnostics) = read("""
            {"nodes": [
              {"id": "x", "op": "input", "channels": 1},
              {"id": "y", "op": "concatt"}],
             "edges": []}
            """)
        #expect(graph == nil)
        #expect(diagnostics.map(\.code.rawValue) == ["E201"])
        #expect(diagnostics.first?.location?.line == 3)
        #expect(diagnostics.first?.helps == ["did you mean `concat`?"])
    }

    @Test("malformed JSON points at the line; wrong field types are named")
    func malformed() {
        let (_, syntax) = read("{\"nodes\": [\n  {\"id\": \"x\",, }\n]}")
        #expect(syntax.map(\.code.rawValue) == ["E105"])
        #expect(syntax.first?.location?.line == 2)
        let (_, types) = read("""
            {"nodes": [{"id": "x", "op": "input", "channels": "three"},
                       {"id": "l", "op": "layer", "channels": 2.5}],
             "edges": [{"src": "x", "dst": "l", "src_slice": [0]}]}
            """)
        #expect(types.map(\.code.rawValue) == ["E106", "E106", "E106"])
    }

    @Test("root members in any order read the same: edges before nodes, the name last")
    func memberOrder() throws {
        let nodes = #""nodes": [{"id": "x", "op": "input", "channels": 1}, {"id": "l", "op": "loss"}]"#
        let edges = #""edges": [{"src": "x", "dst": "l"}]"#
        let usual = try #require(read("{\"name\": \"n\", \(nodes), \(edges)}").0)
        let (reordered, diagnostics) = read("{\(edges), \(nodes), \"name\": \"n\"}")
        let graph = try #require(reordered, "\(diagnostics.map(\.message))")
        #expect(graph.isEquivalent(to: usual))
        #expect(graph.name == "n")
    }

    @Test("a syntax error after the nodes is the only diagnostic, as when the whole file was parsed first")
    func syntaxErrorWins() {
        let (graph, diagnostics) = read(#"{"nodes": [{"id": "x", "op": "bogus"}, {"op": 1}], "edges": [{"src": "x"}, "#)
        #expect(graph == nil)
        #expect(diagnostics.map(\.code.rawValue) == ["E105"])
    }

    @Test("mutated inputs never crash: every outcome is a graph or diagnostics with codes")
    func fuzz() throws {
        let base = RepositoryPaths.text(RepositoryPaths.spec.appendingPathComponent("examples/fig7b_prn.json"))
        try #require(!base.isEmpty, "docs/spec/examples/fig7b_prn.json is missing")
        var random = SeededGenerator(seed: 99)
        let alphabet = Array("{}[],:\"0123456789-abc ".utf8)
        for trial in 0..<300 {
            var bytes = Array(base.utf8)
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                let index = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes[index] = alphabet.randomElement(using: &random) ?? 32
                case 1: bytes.remove(at: index)
                default: bytes.insert(alphabet.randomElement(using: &random) ?? 32, at: index)
                }
            }
            let (graph, diagnostics) = read(String(decoding: bytes, as: UTF8.self))
            #expect(graph != nil || !diagnostics.isEmpty, "trial \(trial), seed 99")
            #expect(diagnostics.allSatisfy { !$0.code.rawValue.isEmpty && !$0.message.isEmpty })
        }
    }
}
