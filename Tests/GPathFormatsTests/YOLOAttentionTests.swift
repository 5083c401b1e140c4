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
