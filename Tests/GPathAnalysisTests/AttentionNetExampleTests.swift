import GPathAnalysis
import GPathDiagnostics
import GPathFormats
import GPathIR
import GPathTestSupport
import Testing

/// `examples/attention/`: the ViT-tiny, C2PSA and A2C2f examples read, and their figures are
/// the ones derived by hand (ViT) or counted by ultralytics for the same module (C2PSA, A2C2f).
struct AttentionNetExampleTests {
    static func graph(_ name: String) throws -> Graph {
        let path = "examples/attention/\(name).net"
        let file = SourceFile(name: path, text: RepositoryPaths.text(RepositoryPaths.root.appendingPathComponent(path)))
        let (graph, diagnostics) = NetReader.read(file)
        return try #require(graph, "\(diagnostics.map(\.message))")
    }

    /// Trainable parameters of the nodes whose names start with `prefix`.
    static func params(_ graph: Graph, prefix: String = "") -> Int {
        let costs = CostPass().run(on: graph)
        return graph.nodes.filter { $0.name.hasPrefix(prefix) }.reduce(0) { $0 + (costs[$1.id].params ?? 0) }
    }

    @Test("ViT-tiny: 158,378 params and 2,163,200 activation x activation MACs, derived by hand")
    func vitTiny() throws {
        let graph = try Self.graph("vit_tiny")
        // stem convs 3·3·3·32 + bn 2·32 = 928 and 32·3·3·64 + bn 2·64 = 18,560; class token 64
        // and positions 64·65 = 4,224; 9 layer norms of 2·64 = 1,152; 4 blocks of qkv 12,480 +
        // projection 4,160 + MLP 8,320 + 8,256 = 132,864; classifier 650.
        #expect(Self.params(graph) == 928 + 18_560 + 4_224 + 1_152 + 132_864 + 650)
        // Per block and head: q·kᵀ 65·16·65 and A·v 65·65·16; 4 heads, 4 blocks.
        #expect(CostPass().run(on: graph).activationMACs == 4 * 4 * 2 * 65 * 65 * 16)
        #expect(graph.nodes.filter(\.op.isWeighted).count == 19)
        #expect(graph.nodes.filter { $0.op.family == .learned }.map(\.name).sorted() == ["cls", "position"])
    }

    @Test("C2PSA(256, 256, n=1): 249,728 params, as ultralytics counts the module")
    func c2psa() throws {
        #expect(Self.params(try Self.graph("c2psa"), prefix: "neck.") == 249_728)
    }

    @Test("A2C2f(128, 128, a2, area 1, residual, mlp 2.0): 98,944 params with gamma, as ultralytics counts it")
    func a2c2f() throws {
        #expect(Self.params(try Self.graph("a2c2f"), prefix: "neck.") == 98_944)
    }

    @Test("units through a·b: v's channels of qkv are apart from q's and k's")
    func valueChannelsAreExact() throws {
        let graph = try Self.graph("a2c2f")
        let analysis = GradientAnalysisPass().run(on: graph)
        let qkv = try #require(analysis.layers.first { $0.name == "neck.blocks.ablock1.a.qkv" })
        // Per head (96 channels): q 32, k 32, v 32. q and k reach the scores only (mixing); v
        // reaches the output channel to channel and the pe conv.
        let labels = Set(qkv.units.map { $0.channels.description })
        #expect(labels == ["[0:64,96:160]", "[64:96,160:192]"], "\(labels)")
    }
}
