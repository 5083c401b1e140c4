import GPathAnalysis
import GPathDiagnostics
@testable import GPathFormats
import GPathIR
import GPathTestSupport
import Testing

/// The attention modules of today's ultralytics YAMLs (C2PSA, PSA, C2fPSA, A2C2f with and
/// without area attention, C3k2 with attn, C3TR, AIFI) in `Fixtures/yolo/attention_modules.yaml`,
/// a file written for these tests. The parameter counts are ultralytics 8.4.190's for the same
/// file (`ClassificationModel(yaml)`, summed per `model[i]`).
struct YOLOAttentionTests {
    static func graph() throws -> Graph {
        let path = "Tests/GPathFormatsTests/Fixtures/yolo/attention_modules.yaml"
        let file = SourceFile(name: path, text: RepositoryPaths.text(RepositoryPaths.root.appendingPathComponent(path)))
        let (graph, diagnostics) = YOLOYAMLReader.read(file)
        return try #require(graph, "\(diagnostics.map(\.message))")
    }

    static let rowParams: [(row: Int, module: String, params: Int)] = [
        (5, "C2PSA", 63_424), (6, "PSA", 63_424), (7, "C2fPSA", 71_616), (8, "A2C2f", 180_864),
        (9, "A2C2f", 70_528), (10, "C3k2", 108_672), (11, "C3TR", 74_560), (12, "AIFI", 132_480),
    ]

    @Test("each module's trainable params equal ultralytics' count, and so does the total")
    func params() throws {
        let graph = try Self.graph()
        let costs = CostPass().run(on: graph)
        for (row, module, expected) in Self.rowParams {
            let params = graph.nodes.filter { $0.name == "\(row)" || $0.name.hasPrefix("\(row).") }.reduce(0) { $0 + (costs[$1.id].params ?? 0) }
            #expect(params == expected, "row \(row) \(module)")
        }
        #expect(costs.params == 1_079_450)
    }

    @Test("attention is free: products, softmaxes and norms are parameter-free nodes off the path length")
    func structure() throws {
        let graph = try Self.graph()
        let kinds = Dictionary(grouping: graph.nodes, by: \.op.kind).mapValues(\.count)
        // Heads: C2PSA, PSA, C2fPSA and C3k2's PSABlock 1 each (64 channels); A2C2f 2 blocks × 2
        // ABlocks × 2 heads × 4 areas; C3TR 4; AIFI 8.
        let heads = 4 + 2 * 2 * 2 * 4 + 4 + 8
        #expect(kinds[.softmax] == heads)
        #expect(kinds[.matmul] == 2 * heads)
        #expect(kinds[.layerNorm] == 2)
        #expect(kinds[.tokenSlice] == 2 * 2 * 2 * 4 * 3)
        #expect(kinds[.tokenConcat] == 2 * 2 * 2)
        let paths = GradientPathPass().run(on: graph)
        #expect(paths.unreachableLayers.isEmpty)
        // AIFI's input projections are one weighted step below its fc1/fc2 and out_proj.
        let outProjection = try #require(paths.layers.first { $0.name == "12.ma.out_proj" })
        let query = try #require(paths.layers.first { $0.name == "12.ma.in_proj.q" })
        #expect(query.shortest == outProjection.shortest.map { $0 + 1 })
    }
}

/// RT-DETR's decoder on `Fixtures/yolo/rtdetr_small.yaml` (written for these tests): params as
/// ultralytics 8.4.190 counts them (`RTDETRDetectionModel(yaml)`), the approximation named in
/// one W218 warning, and training's detaches.
struct YOLORTDETRTests {
    static func read() throws -> (Graph, [Diagnostic]) {
        let path = "Tests/GPathFormatsTests/Fixtures/yolo/rtdetr_small.yaml"
        let file = SourceFile(name: path, text: RepositoryPaths.text(RepositoryPaths.root.appendingPathComponent(path)))
        let (graph, diagnostics) = YOLOYAMLReader.read(file)
        return (try #require(graph, "\(diagnostics.map(\.message))"), diagnostics)
    }

    @Test("params equal ultralytics' (AIFI 33,472, RTDETRDecoder 154,698, total 258,138)")
    func params() throws {
        let (graph, _) = try Self.read()
        let costs = CostPass().run(on: graph)
        func row(_ index: Int) -> Int {
            graph.nodes.filter { $0.name == "\(index)" || $0.name.hasPrefix("\(index).") }.reduce(0) { $0 + (costs[$1.id].params ?? 0) }
        }
        #expect(row(5) == 33_472)
        #expect(row(6) == 154_698)
        #expect(costs.params == 258_138)
    }

    @Test("one W218 warning names the approximation; the decoder's queries and boxes are detached")
    func approximationAndDetaches() throws {
        let (graph, diagnostics) = try Self.read()
        let warnings = diagnostics.filter { $0.code == .approximated }
        #expect(warnings.count == 1)
        #expect(warnings.first?.message.contains("deformable sampling") == true)
        #expect(graph.losses.count == 1 + 2, "the encoder loss and one per decoder layer")
        #expect(graph.nodes.contains { $0.name == "6.topk.detach" && $0.op == .stopGradient })
        // The value projections read the memory, so the backbone is reached through the decoder
        // too, not only through the encoder head.
        let paths = GradientPathPass().run(on: graph)
        let value = try #require(paths.layers.first { $0.name == "6.decoder.layers.1.cross_attn.value_proj" })
        // dec_score_head.1 (1) ← norm3 ← add3 ← norm2 (the FFN's residual) ← add2 ←
        // output_proj (2) ← the sampled products ← value_proj (3).
        #expect(value.shortest == 3)
        #expect(graph.nodes.filter { $0.op == .matmul(MatrixProduct(samplesSecond: true)) }.count == 2 * 4)
    }
}

/// `examples/yolo/`'s YOLO11-, YOLO12- and YOLO26-style detectors: params equal ultralytics
/// 8.4.190's `DetectionModel` count for the same file and scale.
struct YOLOAttentionExampleTests {
    static let cases: [(file: String, scale: String, params: Int)] = [
        ("yolo11_attention", "n", 2_591_384), ("yolo11_attention", "s", 9_430_872),
        ("yolo12_area_attention", "n", 2_003_952), ("yolo12_area_attention", "l", 18_616_576),
        ("yolo26_attention", "n", 2_539_280),
    ]

    @Test("params equal ultralytics' count", arguments: cases.indices)
    func params(index: Int) throws {
        let (name, scale, expected) = Self.cases[index]
        let path = "examples/yolo/\(name).yaml"
        let file = SourceFile(name: path, text: RepositoryPaths.text(RepositoryPaths.root.appendingPathComponent(path)))
        let (graph, diagnostics) = YOLOYAMLReader.read(file, scale: scale)
        let built = try #require(graph, "\(diagnostics.map(\.message))")
        #expect(CostPass().run(on: built).params == expected, "\(name) \(scale)")
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
    }
}
