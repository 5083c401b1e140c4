import GPathAnalysis
import GPathIR
import Testing

/// YOLOv10's blocks (`C2fCIB`, `CIB`, `RepVGGDW`), its `v10Detect` head, and ultralytics' `C2`
/// through the YOLO YAML importer and the analysis. Params equal ultralytics' own counts of the
/// same files (`sum(p.numel() for p in model.parameters() if p.requires_grad)`: 134,212 and
/// 58,610); the pieces are derived by hand below.
struct YOLOv10FixtureTests {
    @Test("yolo v10_modules.yaml: C2fCIB with CIB and with RepVGGDW, SCDown, v10Detect's one-to-one twins")
    func v10() throws {
        let graph = try ImportedFixture.load("Tests/GPathFormatsTests/Fixtures/yolo/v10_modules.yaml")
        // CIB(8, 8): depthwise 3×3, 1×1 to 16, depthwise 3×3, 1×1 to 8, depthwise 3×3, + input.
        #expect(graph.node(named: "1.m.0.cv1.0")?.op.groups == 8)
        #expect(ImportedFixture.inputs(graph, "1.m.0.add") == ["1.cv1[8:16]", "1.m.0.cv1.4[0:8]"])
        // lk: RepVGGDW(32) = SiLU(depthwise 7×7 + depthwise 3×3), both without activation.
        guard case .convolution(let large)? = graph.node(named: "3.m.0.cv1.2.conv")?.op else { Issue.record("RepVGGDW"); return }
        #expect(large.kernel == 7 && large.groups == 32 && large.activation == nil)
        #expect(ImportedFixture.inputs(graph, "3.m.0.cv1.2.act") == ["3.m.0.cv1.2.sum[0:32]"])
        // v10Detect: reg_max 16 (64 box outputs) and twins on detached features, though the
        // file sets neither.
        #expect(graph.node(named: "4.cv2.0.2")?.shapeDescription == "64x160x160")
        #expect(ImportedFixture.inputs(graph, "4.one2one_cv3.0.0.0") == ["4.detach0[0:32]"])
        let costs = CostPass().run(on: graph)
        // 0: 464. 1 (c = 8): cv1 16→16 288; CIB: 72 + 16, 128 + 32, 144 + 32, 128 + 16, 72 + 16
        // = 656; cv2 24→16 416 = 1360. 2: 576 + 352 = 928. 3 (c = 16): cv1 32→32 1088; CIB lk:
        // 176, 576, RepVGGDW 32·49 + 64 + 32·9 + 64 = 1984, 544, 176; cv2 48→32 1600 = 6144.
        // 4: box 32→64 3×3 18,560, 36,992, 64→64 biased 4160; class (c3 = 32): 352 + 1088, twice,
        // 32→2 biased 66 = 62,658, twice (one-to-one) = 125,316.                  total 134,212
        #expect(costs.params == 134_212)
        // Row 3's C2fCIB: cv2 4/6; the RepVGGDW branches both 7 deep at most (through cv1.3,
        // cv1.4, cv2, the box branch).
        let paths = ImportedFixture.paths(graph)
        #expect(paths["3.cv2"] == "4/6" && paths["3.m.0.cv1.2.conv"] == "7/9" && paths["3.m.0.cv1.2.conv1"] == "7/9")
        #expect(paths["4.one2one_cv3.0.0.0"] == "5/5" && paths["2.cv2"] == "6/13")
    }

    @Test("yolo c2_modules.yaml: C2 chains its bottlenecks on the first half; the second half goes straight to cv2")
    func c2() throws {
        let graph = try ImportedFixture.load("Tests/GPathFormatsTests/Fixtures/yolo/c2_modules.yaml")
        #expect(ImportedFixture.inputs(graph, "1.m.0.cv1") == ["1.cv1[0:8]"])
        #expect(ImportedFixture.inputs(graph, "1.cv2") == ["1.m.1.add[0:8]", "1.cv1[8:16]"])
        // 0: 464. 1: cv1 16→16 288; two Bottleneck(8, 8, k 3×3, 3×3): 4·592; cv2 288 = 2944.
        // 2 (Detect, c2 = 64, c3 = 16): 9344 + 36,992 + 4160 + 2336 + 2336 + 34 = 55,202.
        #expect(CostPass().run(on: graph).params == 58_610)
        #expect(ImportedFixture.paths(graph)["1.cv1"] == "5/9")
    }
}
