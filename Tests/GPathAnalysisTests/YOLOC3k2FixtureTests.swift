import GPathAnalysis
import GPathIR
import Testing

/// YOLO11 / YOLOv10 blocks (`C3k2`, `C3k`, `SCDown`) and the ultralytics Detect that follows
/// a C3k2, through the YOLO YAML importer and the analysis; params, MACs (FLOPs = 2·MACs) and
/// paths derived by hand as in ``ImportedModuleFixtureTests``.
struct YOLOC3k2FixtureTests {
    private static let fixture = "Tests/GPathFormatsTests/Fixtures/yolo/c3k2_modules.yaml"

    @Test("yolo c3k2_modules.yaml at scale n: C3k2 with Bottleneck(e 0.5) and with C3k, SCDown, non-legacy Detect")
    func scaleN() throws {
        let graph = try ImportedFixture.load(Self.fixture, scale: "n")
        #expect(graph.layers.count == 24)
        // C3k2 c3k False, e 0.25: c = 4; Bottleneck(4, 4) has a 2-wide middle, then the residual.
        #expect(graph.node(named: "1.m.0.cv1")?.shapeDescription == "2x320x320")
        #expect(ImportedFixture.inputs(graph, "1.m.0.add") == ["1.cv1[4:8]", "1.m.0.cv2[0:4]"])
        #expect(ImportedFixture.inputs(graph, "1.cv2") == ["1.cv1[0:4]", "1.cv1[4:8]", "1.m.0.add[0:4]"])
        // SCDown: 1×1 to c2, then a depthwise 3×3/2 without activation.
        guard case .convolution(let down)? = graph.node(named: "2.cv2")?.op else { Issue.record("2.cv2"); return }
        #expect(down.groups == 32 && down.activation == nil && down.stride == 2)
        // C3k2 c3k True: the block is C3k(16, 16, 2): a C3 with two 3×3/3×3 bottlenecks.
        #expect(ImportedFixture.inputs(graph, "3.m.0.cv1") == ["3.cv1[16:32]"])
        #expect(ImportedFixture.inputs(graph, "3.m.0.cv3") == ["3.m.0.m.1.add[0:8]", "3.m.0.cv2[0:8]"])
        // After a C3k2 the class branch is DWConv 3×3 → Conv 1×1, twice, then the biased 1×1.
        #expect(graph.node(named: "4.cv3.0.0.0")?.op.groups == 32)
        #expect(ImportedFixture.inputs(graph, "4.cv3.0.2") == ["4.cv3.0.1.1[0:32]"])
        let costs = CostPass().run(on: graph)
        // Conv = c1·c2·k²/g + 2·c2.  0: 3→16 3×3: 432 + 32 = 464
        // 1: cv1 16→8: 144; m.0 4→2 3×3: 76, 2→4 3×3: 80; cv2 12→16: 224; = 524
        // 2: cv1 16→32: 576; cv2 depthwise 3×3 of 32: 288 + 64 = 352; = 928
        // 3: cv1 32→32: 1088; C3k: cv1, cv2 16→8: 144 each, four 8→8 3×3: 592 each, cv3 16→16: 288
        //    = 2944; cv2 48→32: 1600; = 5632
        // 4: c2 = max(16, 32/4, 64) = 64, c3 = max(32, min(2, 100)) = 32. Box: 32→64 3×3: 18,560;
        //    64→64 3×3: 36,992; 64→64 biased: 4160. Class: dw 32: 352, 32→32: 1088, twice; 32→2
        //    biased: 66; = 62,658                                             total 70,206
        #expect(costs.params == 70_206)
        // 0: 432·320² = 44,236,800     1: (128 + 72 + 72 + 192)·320² = 47,513,600
        // 2: 512·320² + 288·160² = 59,801,600
        // 3: (1024 + 128 + 128 + 4·576 + 256 + 1536)·160² = 5376·25,600 = 137,625,600
        // 4: (18,432 + 36,864 + 4096 + 2·(288 + 1024) + 64)·160² = 62,080·25,600 = 1,589,248,000
        #expect(costs.macs == 1_878_425_600)
        #expect(costs.flops == 3_756_851_200)
        // One loss reads the box (3 deep) and class (5 deep) branches: 3.cv2 4/6. Inside 3:
        // C3k cv3 5/7, m.1.cv2 6/8, m.1.cv1 7/9, m.0.cv2 6/10 (m.1's residual or its cv1),
        // m.0.cv1 7/11, C3k cv1 6/12, cv2 6/8; 3.cv1 5 (chunks to cv2) / 13. Then 2.cv2 6/14,
        // 2.cv1 7/15, 1.cv2 8/16, 1.m.0.cv2 9/17, 1.m.0.cv1 10/18, 1.cv1 9/19, 0 10/20.
        #expect(ImportedFixture.paths(graph) == [
            "4.cv2.0.2": "1/1", "4.cv2.0.1": "2/2", "4.cv2.0.0": "3/3", "4.cv3.0.2": "1/1", "4.cv3.0.1.1": "2/2",
            "4.cv3.0.1.0": "3/3", "4.cv3.0.0.1": "4/4", "4.cv3.0.0.0": "5/5", "3.cv2": "4/6", "3.m.0.cv3": "5/7",
            "3.m.0.m.1.cv2": "6/8", "3.m.0.m.1.cv1": "7/9", "3.m.0.m.0.cv2": "6/10", "3.m.0.m.0.cv1": "7/11",
            "3.m.0.cv1": "6/12", "3.m.0.cv2": "6/8", "3.cv1": "5/13", "2.cv2": "6/14", "2.cv1": "7/15",
            "1.cv2": "8/16", "1.m.0.cv2": "9/17", "1.m.0.cv1": "10/18", "1.cv1": "9/19", "0": "10/20",
        ])
    }

    @Test("yolo c3k2_modules.yaml at scale m: every C3k2 uses C3k blocks, as parse_model forces")
    func scaleM() throws {
        let graph = try ImportedFixture.load(Self.fixture, scale: "m")
        // Row 1's block becomes C3k(4, 4, 2): cv1, cv2 4→2: 12 each; four 2→2 3×3: 40 each;
        // cv3 4→4: 24; = 208 instead of 156: 70,206 − 156 + 208.
        #expect(graph.node(named: "1.m.0.m.1.cv2")?.shapeDescription == "2x320x320")
        let costs = CostPass().run(on: graph)
        #expect(costs.params == 70_258)
        // Row 1's block: (8 + 8 + 4·36 + 16)·320² = 18,022,400 instead of 144·320² = 14,745,600.
        #expect(costs.macs == 1_881_702_400)
    }
}
