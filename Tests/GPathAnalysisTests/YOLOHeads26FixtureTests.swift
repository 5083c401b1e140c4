import GPathAnalysis
import GPathIR
import Testing

/// YOLO26's task heads (`Segment26` with `Proto26`, `Pose26` with its RealNVP flow, `OBB26`)
/// through the YOLO YAML importer and the analysis. Params equal ultralytics' own counts of the
/// same files (119,110, 88,806 and 56,252); the pieces are derived by hand below.
struct YOLOHeads26FixtureTests {
    @Test("yolo segment26.yaml: Proto26 refines and upsamples the deeper levels into the first; prototypes and semantic branch train")
    func segment26() throws {
        let graph = try ImportedFixture.load("Tests/GPathFormatsTests/Fixtures/yolo/segment26.yaml")
        #expect(ImportedFixture.inputs(graph, "3.proto.feat") == ["0[0:16]", "3.proto.up0[0:16]", "3.proto.up1[0:16]"])
        #expect(graph.node(named: "3.proto.up1")?.op == .passThrough(.upsample(scale: 4)))
        #expect(ImportedFixture.inputs(graph, "3.proto.semseg.0") == ["3.proto.feat[0:16]"])
        #expect(ImportedFixture.inputs(graph, "3.loss_semantic") == ["3.proto.semseg.2[0:2]"])
        #expect(graph.node(named: "3.proto.cv3")?.shapeDescription == "8x640x640")
        // Backbone 464 + 4672 + 9280 = 14,416. Per level from x channels (c2 = 16, c3 = 16 with
        // the legacy class branch, c4 = 8): box (144x + 32) + 2336 + 68, class (144x + 32) +
        // 2336 + 34, masks (72x + 16) + 592 + 72 = 360x + 5518; x = 16, 32, 32: 45,354, twice
        // with the one-to-one twins: 90,708. Proto26 (c_ = 64·0.25 = 16): feat_refine 2·544,
        // feat_fuse 2336, cv1 2336, upsample 1024 + 16, cv2 2336, cv3 144, semseg 2336 + 2336 +
        // 34 = 13,986.                                                           total 119,110
        #expect(CostPass().run(on: graph).params == 119_110)
        let paths = ImportedFixture.paths(graph)
        #expect(paths["3.proto.feat_refine.1"] == "4/6" && paths["3.proto.semseg.0"] == "3/3" && paths["2"] == "4/7")
    }

    @Test("yolo pose26.yaml: keypoint and sigma heads; the RealNVP flow of the RLE loss reads exactly their x and y channels")
    func pose26() throws {
        let graph = try ImportedFixture.load("Tests/GPathFormatsTests/Fixtures/yolo/pose26.yaml")
        // c4 = max(16/4, 2·(3 + 2)) = 10; kpts 2·3 = 6 outputs, sigma 2·2 = 4.
        #expect(graph.node(named: "2.cv4_kpts.1")?.shapeDescription == "6x160x160")
        #expect(graph.node(named: "2.cv4_sigma.0")?.shapeDescription == "4x320x320")
        #expect(ImportedFixture.inputs(graph, "2.loss0") == ["2.cv2.0.2[0:4]", "2.cv3.0.2[0:1]", "2.cv4_kpts.0[0:6]", "2.cv4_sigma.0[0:4]"])
        // The error's x reads x (0, 3) and x-σ (0, 2) of every level; y the next channel of each.
        #expect(ImportedFixture.inputs(graph, "2.flow.error_y") == [
            "2.flow.pool_kpts0[1:2]", "2.flow.pool_sigma0[1:2]", "2.flow.pool_kpts0[4:5]", "2.flow.pool_sigma0[3:4]",
            "2.flow.pool_kpts1[1:2]", "2.flow.pool_sigma1[1:2]", "2.flow.pool_kpts1[4:5]", "2.flow.pool_sigma1[3:4]",
        ])
        // Coupling 5 (applied first; mask [1, 0]) keeps x and rewrites y; coupling 4 keeps y.
        #expect(ImportedFixture.inputs(graph, "2.flow.5.z") == ["2.flow.error[0:1]", "2.flow.5.mix[0:1]"])
        #expect(ImportedFixture.inputs(graph, "2.flow.4.z") == ["2.flow.4.mix[0:1]", "2.flow.5.z[1:2]"])
        let costs = CostPass().run(on: graph)
        // Backbone 464 + 4672 = 5136. Per level from x channels (c2 = 16, c3 = 16, legacy class
        // branch): box (144x + 32) + 2336 + 68, class (144x + 32) + 2336 + 17, keypoints (90x +
        // 20) + 920, kpts 66, sigma 44 = 378x + 5871; x = 16, 32: 29,886. The flow: 12 nets of
        // 192 + 4160 + 130 = 53,784 (ultralytics' RealNVP).                        total 88,806
        #expect(costs.params == 88_806)
        let paths = ImportedFixture.paths(graph)
        // Through the flow the keypoint heads reach the RLE loss 18 layers deeper at most.
        #expect(paths["2.cv4_kpts.0"] == "1/19" && paths["2.flow.s.5.0"] == "3/18" && paths["2.flow.t.0.4"] == "1/1")
    }

    @Test("yolo obb26.yaml: OBB26 has OBB's layers; end2end twins them")
    func obb26() throws {
        let graph = try ImportedFixture.load("Tests/GPathFormatsTests/Fixtures/yolo/obb26.yaml")
        #expect(graph.node(named: "2.one2one_cv4.1.2")?.shapeDescription == "1x160x160")
        // Backbone 5136. Per level: box (144x + 32) + 2336 + 68, class (144x + 32) + 2336 + 34,
        // angle (c4 = 4) (36x + 8) + 152 + 5 = 324x + 5003; x = 16, 32: 25,558, twice: 51,116.
        //                                                                          total 56,252
        #expect(CostPass().run(on: graph).params == 56_252)
    }
}
