import Foundation
import GPathDiagnostics
import GPathFormats
import GPathIR
import GPathTestSupport
import Testing

/// `GraphJSONReader.read(GraphJSONWriter.write(g))` is equivalent to `g`: for every example in
/// every input format, for seeded random graphs of both generators, and for every op.
@Suite("GraphJSONWriter")
struct GraphJSONWriterTests {
    /// Writes, reads back and compares; returns the text for further checks.
    @discardableResult
    private func roundTrip(_ graph: Graph, _ label: String) throws -> String {
        let text = GraphJSONWriter.write(graph)
        let (reread, diagnostics) = GraphJSONReader.read(SourceFile(name: "\(label).json", text: text))
        let again = try #require(reread, "\(label): \(diagnostics.map { "\($0.code) \($0.message)" })\n\(text)")
        #expect(diagnostics.isEmpty, "\(label): \(diagnostics.map(\.message))")
        #expect(graph.isEquivalent(to: again), "\(label): \(graph.firstDifference(from: again) ?? "")")
        return text
    }

    private func load(_ url: URL) throws -> Graph {
        let file = SourceFile(name: url.lastPathComponent, text: RepositoryPaths.text(url))
        let result = switch url.pathExtension {
        case "net": NetReader.read(file)
        case "cfg": DarknetReader.read(file)
        case "yaml": YOLOYAMLReader.read(file)
        default: GraphJSONReader.read(file)
        }
        return try #require(result.graph, "\(url.lastPathComponent): \(result.diagnostics.map(\.message))")
    }

    static let exampleFiles: [URL] = {
        let folders = ["examples", "examples/darknet", "examples/yolo"]
        var urls: [URL] = folders.flatMap { folder -> [URL] in
            let url = RepositoryPaths.root.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            return names.filter { name in [".net", ".cfg", ".yaml"].contains { name.hasSuffix($0) } }.sorted().map { url.appendingPathComponent($0) }
        }
        for fixture in ["darknet/all_sections.cfg", "darknet/dilated_detection.cfg", "darknet/multi_from.cfg", "yolo/v5_modules.yaml", "yolo/v7_modules.yaml", "yolo/detect_anchor_count.yaml"] {
            urls.append(RepositoryPaths.root.appendingPathComponent("Tests/GPathFormatsTests/Fixtures/\(fixture)"))
        }
        return urls
    }()

    @Test("every example and importer fixture round-trips", arguments: exampleFiles)
    func examples(_ url: URL) throws {
        try roundTrip(try load(url), url.lastPathComponent)
    }

    @Test("the examples folders are all covered")
    func coverage() {
        let names = Self.exampleFiles.map(\.lastPathComponent)
        #expect(names.contains("resnet.net") && names.contains("csp_prn_tiny.cfg") && names.contains("elan_tiny.yaml"))
        #expect(names.count >= 22, "\(names)")
    }

    @Test("the spec's graph JSON examples round-trip")
    func specExamples() throws {
        let folder = RepositoryPaths.spec.appendingPathComponent("examples")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        #expect(names.count == 29)
        for name in names {
            try roundTrip(try load(folder.appendingPathComponent(name)), name)
        }
    }

    @Test("RandomGraphs.builder graphs round-trip", arguments: 0..<150)
    func randomGraphs(_ seed: Int) throws {
        let graph = try #require(RandomGraphs.builder(seed: UInt64(seed)).build().graph, "seed \(seed)")
        try roundTrip(graph, "random seed \(seed)")
    }

    @Test("random graphs with every op, awkward names and spatial sizes round-trip", arguments: 0..<150)
    func everyOp(_ seed: Int) throws {
        var generator = RandomGraphGenerator(seed: UInt64(seed))
        let graph = try #require(generator.generate().graph, "seed \(seed)")
        try roundTrip(graph, "every-op seed \(seed)")
    }

    @Test("ops outside the spec vocabulary are written with spec ops plus gpath fields")
    func extraFields() throws {
        var builder = GraphBuilder(name: "extras \"quoted\"\n")
        builder.addNode("x", op: .input, channels: 4, spatial: Spatial(height: 8, width: 8))
        builder.addNode("c", op: .convolution(Convolution(kernel: 3, stride: 2, padding: 0, dilation: 2, groups: 2, bias: true, activation: .gelu)), channels: 6)
        builder.addNode("g", op: .passThrough(.globalAveragePool))
        builder.addNode("d", op: .passThrough(.dropout))
        builder.addNode("f", op: .linear(Linear(bias: false, normalized: true, activation: .tanh)), channels: 3)
        builder.addNode("loss", op: .loss(.crossEntropy))
        for (a, b) in [("x", "c"), ("c", "g"), ("g", "d"), ("d", "f"), ("f", "loss")] { builder.connect(a, to: b) }
        let graph = try #require(builder.build().graph)
        let text = try roundTrip(graph, "extras")
        #expect(text.contains(#"{"id": "c", "op": "conv", "channels": 6, "kernel": 3, "stride": 2, "dilation": 2, "padding": 0, "groups": 2, "bias": true, "activation": "gelu"}"#))
        #expect(text.contains(#"{"id": "g", "op": "avgpool", "channels": 6, "global": true}"#))
        #expect(text.contains(#"{"id": "d", "op": "identity", "channels": 6, "kind": "dropout"}"#))
        #expect(text.contains(#"{"id": "f", "op": "linear", "channels": 3, "bias": false, "norm": true, "activation": "tanh"}"#))
        #expect(text.contains(#"{"id": "loss", "op": "loss", "channels": 3, "kind": "cross_entropy"}"#))
        #expect(text.contains(#""name": "extras \"quoted\"\n""#))
        // Every op is one of the spec's names or aliases, so other readers route gradient right.
        let ops = Set(text.matches(of: /"op": "([a-z_]+)"/).map { String($0.1) })
        #expect(ops.isSubset(of: ["input", "conv", "linear", "layer", "add", "concat", "identity", "slice", "activation",
                                  "maxpool", "avgpool", "upsample", "norm", "stop_gradient", "loss"]))
    }

    @Test("unknown activation and loss kind values are errors, not silent defaults")
    func unknownNames() {
        let text = """
            {"nodes": [{"id": "x", "op": "input", "channels": 2},
                       {"id": "a", "op": "activation", "activation": "swishh"},
                       {"id": "l", "op": "loss", "kind": "cross_entropyy"}],
             "edges": [{"src": "x", "dst": "a"}, {"src": "a", "dst": "l"}]}
            """
        let (graph, diagnostics) = GraphJSONReader.read(SourceFile(name: "g.json", text: text))
        #expect(graph == nil)
        #expect(diagnostics.map(\.code.rawValue) == ["E208", "E208"])
        #expect(diagnostics.last?.helps == ["did you mean `cross_entropy`?"])
    }

    @Test("output is deterministic and ends with a newline")
    func deterministic() throws {
        let graph = try load(RepositoryPaths.root.appendingPathComponent("examples/yolo/c2f_multihead.yaml"))
        let text = GraphJSONWriter.write(graph)
        #expect(text == GraphJSONWriter.write(graph))
        #expect(text.hasSuffix("}\n"))
        #expect(text.split(separator: "\n").count == graph.nodes.count + graph.nodes.reduce(0) { $0 + $1.inputs.count } + 7)   // {, name, nodes [, ], edges [, ], }
    }
}
