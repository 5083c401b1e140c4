import GPathAnalysis
import GPathIR
import Testing

/// The task heads (`Classify`, `Segment` with `Proto`, yolov5's anchor-based `Segment`, `Pose`
/// with `kpt_shape`, `OBB`) through the YOLO YAML importer and the analysis; params, MACs
/// (FLOPs = 2·MACs) and paths derived by hand as in ``ImportedModuleFixtureTests``. Every Conv
/// is c1·c2·k² weights + 2·c2 (BN); a biased Conv2d c1·c2 + c2.
struct YOLOTaskHeadFixtureTests {
    private static func fixture(_ name: String) -> String { "Tests/GPathFormatsTests/Fixtures/yolo/\(name).yaml" }

    @Test("yolo classify.yaml: Classify is Conv 1x1 to 1280, pool, dropout, Linear to nc, one cross-entropy loss")
    func classify() throws {
        let graph = try ImportedFixture.load(Self.fixture("classify"))
        #expect(ImportedFixture.inputs(graph, "2.pool") == ["2.conv[0:1280]"])
        #expect(ImportedFixture.inputs(graph, "2.linear") == ["2.drop[0:1280]"])
        #expect(graph.node(named: "2.loss")?.op == .loss(.crossEntropy))
        let costs = CostPass().run(on: graph)
        // 0: 3→8 3×3: 216 + 16 = 232; 1: 8→16 3×3: 1152 + 32 = 1184;
        // 2: conv 16→1280: 20,480 + 2560 = 23,040; linear 1280·5 + 5 = 6405 (nc is not scaled)
        #expect(costs.params == 30_861)
        // 216·320² + 1152·160² + 20,480·160² + 1280·5 = 22,118,400 + 29,491,200 + 524,288,000 + 6400
        #expect(costs.macs == 575_904_000)
        #expect(ImportedFixture.paths(graph) == ["2.linear": "1/1", "2.conv": "2/2", "1": "3/3", "0": "4/4"])
    }

    @Test("yolo segment.yaml: Detect plus the mask-coefficient branch cv4 and Proto with a transposed-conv upsample")
    func segment() throws {
        let graph = try ImportedFixture.load(Self.fixture("segment"))
        #expect(ImportedFixture.inputs(graph, "2.loss0") == ["2.cv2.0.2[0:64]", "2.cv3.0.2[0:2]", "2.cv4.0.2[0:4]"])
        #expect(ImportedFixture.inputs(graph, "2.proto.cv2") == ["2.proto.upsample/upsample[0:16]"])
        #expect(ImportedFixture.inputs(graph, "2.loss_proto") == ["2.proto.cv3[0:4]"])
        #expect(graph.node(named: "2.proto.cv3")?.shapeDescription == "4x320x320")
        let costs = CostPass().run(on: graph)
        // Backbone: 0: 3→16 3×3: 464; 1: 16→32 3×3: 4672.  ch[0] = 32: c2 = max(16, 8, 64) = 64,
        // c3 = max(32, min(2, 100)) = 32, c4 = max(32/4, nm 4) = 8.
        // Box: 18,560 + 36,992 + 4160 = 59,712. Class: 9280 + 9280 + 66 = 18,626.
        // cv4: 32→8 3×3: 2320; 8→8 3×3: 592; 8→4 biased: 36; = 2948.
        // Proto (npr 64·0.25 = 16): cv1 32→16 3×3: 4640; ConvTranspose2d 16→16 k2 biased: 1040;
        // cv2 16→16 3×3: 2336; cv3 16→4: 72; = 8088.                           total 94,510
        #expect(costs.params == 94_510)
        // 432·320² + 4608·160² = 162,201,600. At 160²: box 59,392, class 18,496, cv4 2912,
        // proto cv1 4608, transposed 1024 (c1·c2·k² per input pixel): 86,432·25,600 =
        // 2,212,659,200. At 320²: proto cv2 2304 + cv3 64 = 2368·102,400 = 242,483,200.
        #expect(costs.macs == 2_617_344_000)
        // Row 1 is 4 deep through any Detect branch, 5 through the prototypes.
        #expect(ImportedFixture.paths(graph) == [
            "2.cv2.0.2": "1/1", "2.cv2.0.1": "2/2", "2.cv2.0.0": "3/3", "2.cv3.0.2": "1/1", "2.cv3.0.1": "2/2",
            "2.cv3.0.0": "3/3", "2.cv4.0.2": "1/1", "2.cv4.0.1": "2/2", "2.cv4.0.0": "3/3", "2.proto.cv3": "1/1",
            "2.proto.cv2": "2/2", "2.proto.upsample": "3/3", "2.proto.cv1": "4/4", "1": "4/5", "0": "5/6",
        ])
    }

    @Test("yolo segment_anchors.yaml: yolov5's Segment widens each anchor's outputs by nm and upsamples Proto by nearest")
    func anchorSegment() throws {
        let graph = try ImportedFixture.load(Self.fixture("segment_anchors"))
        #expect(graph.node(named: "2.m.0")?.shapeDescription == "22x160x160")
        #expect(ImportedFixture.inputs(graph, "2.proto.cv2") == ["2.proto.upsample[0:16]"])
        let costs = CostPass().run(on: graph)
        // Backbone 5136; m.0: 32→2·(5 + 2 + 4) = 22 biased: 726; Proto: 4640 + 2336 + 72 = 7048.
        #expect(costs.params == 12_910)
        // 162,201,600 + (704 + 4608)·160² + 2368·320² = 162,201,600 + 135,987,200 + 242,483,200
        #expect(costs.macs == 540_672_000)
        #expect(ImportedFixture.paths(graph) == [
            "2.m.0": "1/1", "2.proto.cv3": "1/1", "2.proto.cv2": "2/2", "2.proto.cv1": "3/3", "1": "2/4", "0": "3/5",
        ])
    }

    @Test("yolo pose_obb.yaml: Pose's cv4 is as wide as kpt_shape's product, OBB's as ne")
    func poseAndOBB() throws {
        let graph = try ImportedFixture.load(Self.fixture("pose_obb"))
        #expect(graph.node(named: "2.cv4.0.2")?.shapeDescription == "6x160x160")
        #expect(graph.node(named: "3.cv4.0.2")?.shapeDescription == "1x160x160")
        #expect(ImportedFixture.inputs(graph, "3.loss0") == ["3.cv2.0.2[0:64]", "3.cv3.0.2[0:1]", "3.cv4.0.2[0:1]"])
        let costs = CostPass().run(on: graph)
        // Backbone 5136. c4 = max(32/4, 6) = 8 and max(8, 1) = 8. Class c3 = 32; its 1×1 32→1: 33.
        // Pose: box 59,712 + class 18,593 + cv4 (2320 + 592 + 8·6 + 6 = 54) 2966 = 81,271.
        // OBB:  59,712 + 18,593 + (2320 + 592 + 9) 2921 = 81,226.             total 167,633
        #expect(costs.params == 167_633)
        // 162,201,600 + (80,784 + 80,744)·160² = 162,201,600 + 4,135,116,800
        #expect(costs.macs == 4_297_318_400)
        let paths = ImportedFixture.paths(graph)
        #expect(paths["1"] == "4/4" && paths["0"] == "5/5" && paths["3.cv4.0.0"] == "3/3")
    }
}
