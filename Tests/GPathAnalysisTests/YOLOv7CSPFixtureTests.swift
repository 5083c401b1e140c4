import GPathAnalysis
import GPathIR
import Testing

/// The yolov7 repository's CSP families and `Stem` (its `cfg/baseline` files) through the YOLO
/// YAML importer and the analysis. Params equal the count of the same file built from the
/// semantics of yolov7's `models/common.py` in PyTorch (119,059); the pieces are derived by
/// hand below.
struct YOLOv7CSPFixtureTests {
    private static let fixture = "Tests/GPathFormatsTests/Fixtures/yolo/yolov7_csp.yaml"

    @Test("yolo yolov7_csp.yaml: Stem, BottleneckCSPA/B/C, ResCSPC, ResXCSPB, GhostCSPA, a list kernel")
    func csp() throws {
        let graph = try ImportedFixture.load(Self.fixture)
        #expect(graph.layers.count == 45)
        // Stem: cv1 3×3/2 to 16; cv2 → cv3 3×3/2 beside a 2×2/2 pool of cv1; cv4 over both.
        #expect(ImportedFixture.inputs(graph, "0.cv4") == ["0.cv3[0:16]", "0.pool[0:16]"])
        #expect(graph.node(named: "0.cv4")?.shapeDescription == "32x160x160")
        // A: cv3 over cat(m(cv1(x)), cv2(x)); C: cv4 over cat(cv3(m(cv1(x))), cv2(x)).
        #expect(ImportedFixture.inputs(graph, "1.cv3") == ["1.m.0.add[0:16]", "1.cv2[0:16]"])
        #expect(ImportedFixture.inputs(graph, "3.cv4") == ["3.cv3[0:32]", "3.cv2[0:32]"])
        // B: cv2 reads cv1 (x1), c_ = c2; BottleneckCSPB has no shortcut by default.
        #expect(ImportedFixture.inputs(graph, "6.cv2") == ["6.cv1[0:32]"])
        #expect(ImportedFixture.inputs(graph, "6.cv3") == ["6.m.1.cv2[0:32]", "6.cv2[0:32]"])
        #expect(graph.node(named: "6.m.0.add") == nil)
        // Res (e 0.5): 32 → 16 → 16 (3×3) → 32, plus the input; ResX: the 3×3 in 32 groups, e 1.
        #expect(ImportedFixture.inputs(graph, "4.m.0.add") == ["4.cv1[0:32]", "4.m.0.cv3[0:32]"])
        #expect(graph.node(named: "7.m.0.cv2")?.op.groups == 32)
        // `Conv, [64, [1, 1]]` is a 1×1 convolution.
        guard case .convolution(let pointwise)? = graph.node(named: "5")?.op else { Issue.record("5"); return }
        #expect(pointwise.kernel == 1)
        let costs = CostPass().run(on: graph)
        // Conv = c1·c2·k²/g + 2·c2. 0: 432 + 32, 256 + 32, 2304 + 32, 1024 + 64 = 4176.
        // 1 (c_ 16): cv1, cv2 32→16: 544 each; m: 16→16 1×1 288, 3×3 2336; cv3 32→32: 1088 = 4800.
        // 2: 32→64 3×3: 18,560. 3 (c_ 32): cv1, cv2 64→32: 2112 each; m: 1088 + 9280; cv3 32→32:
        // 1088; cv4 64→64: 4224 = 19,904. 4: the same with Res(32): 544 + 2336 + 576 = 3456 in
        // place of 10,368: 12,992. 5: 4224. 6 (c_ 32): cv1 64→32 2112, cv2 1088, two bottlenecks
        // 2·10,368, cv3 2112 = 26,048. 7 (c_ 64): cv1 32→64 2176, cv2 4224, Res: 4224 + 1280 +
        // 4224, cv3 128→64 8320 = 24,448. 8 (c_ 16): cv1, cv2 64→16 1056 each, Ghost(16, 16):
        // GhostConv(16, 8) 72 + 108, GhostConv(8, 16) 80 + 216, cv3 1088 = 3676. 9: 32→7 biased:
        // 231.                                                                   total 119,059
        #expect(costs.params == 119_059)
        // Ghost's shortcut reaches cv3 directly (3) and its two GhostConvs take four layers (7).
        let paths = ImportedFixture.paths(graph)
        #expect(paths["9.m.0"] == "1/1" && paths["8.cv3"] == "2/2" && paths["8.cv2"] == "3/3" && paths["8.cv1"] == "3/7")
        // B without shortcut: cv1 reaches cv3 through cv2 (8) or through both bottlenecks (10 deep).
        #expect(paths["6.cv1"] == "8/18" && paths["6.m.0.cv1"] == "10/17")
    }
}
