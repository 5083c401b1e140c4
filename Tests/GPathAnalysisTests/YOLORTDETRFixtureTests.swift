import GPathAnalysis
import GPathIR
import Testing

/// The convolutional blocks of ultralytics' RT-DETR files (`HGStem`, `HGBlock`, `RepC3`,
/// `ResNetLayer`) through the YOLO YAML importer and the analysis. Params equal ultralytics' own
/// counts of the same files (259,042 and 98,219); the pieces are derived by hand below.
struct YOLORTDETRFixtureTests {
    @Test("yolo rtdetr_backbone.yaml: HGStem, plain and light HGBlocks, RepC3 with and without cv3")
    func hgnet() throws {
        let graph = try ImportedFixture.load("Tests/GPathFormatsTests/Fixtures/yolo/rtdetr_backbone.yaml")
        // HGStem: the 2×2 convolutions keep the size (lowered with dilation 2, padding 1), the
        // 2×2 pool too (its one-sided padding folded in); stem3 reads cat(pool, stem2b).
        #expect(graph.node(named: "0.stem2b")?.shapeDescription == "16x320x320")
        #expect(graph.node(named: "0.pool")?.shapeDescription == "16x320x320")
        #expect(ImportedFixture.inputs(graph, "0.stem3") == ["0.pool[0:16]", "0.stem2b[0:16]"])
        guard case .convolution(let stem1)? = graph.node(named: "0.stem1")?.op else { Issue.record("stem1"); return }
        #expect(stem1.activation == .relu)
        // HGBlock: sc reads the input and every block; the light block's shortcut adds the input.
        #expect(ImportedFixture.inputs(graph, "1.sc") == ["0.stem4[0:32]", "1.m.0[0:16]", "1.m.1[0:16]"])
        #expect(ImportedFixture.inputs(graph, "3.add") == ["3.ec[0:64]", "2[0:64]"])
        #expect(graph.node(named: "3.m.0.conv2")?.op.groups == 32)
        // RepC3 e 0.5: cv3 after the sum; e 1: the sum is the output.
        #expect(ImportedFixture.inputs(graph, "4.cv3") == ["4.add[0:32]"])
        #expect(graph.node(named: "5.cv3") == nil)
        #expect(ImportedFixture.inputs(graph, "6.cv2.0.0") == ["5.add[0:64]"])
        let costs = CostPass().run(on: graph)
        // 0: 432 + 32, 512 + 16, 512 + 32, 4608 + 32, 512 + 64 = 6752. 1: 32→16 3×3 4640,
        // 16→16 3×3 2336, sc 64→32 2112, ec 32→64 2176 = 11,264. 2: DWConv 576 + 128 = 704.
        // 3: LightConv 64→32 2112 + 864, 32→32 1088 + 864, sc 128→32 4160, ec 2176 = 11,264.
        // 4: cv1, cv2 64→32 2112 each, two RepConv(32): (9216 + 64) + (1024 + 64) each, cv3
        // 32→64 2176 = 27,136. 5: 4224 · 2 + RepConv(64) 36,992 + 4224 = 49,664. 6: Detect
        // (c2 = 64, c3 = 64): 36,992 · 4 + 4160 + 130 = 152,258.                 total 259,042
        #expect(costs.params == 259_042)
        let paths = ImportedFixture.paths(graph)
        // The pool is stem3's short route: stem1 12 deep at least, 25 through stem2a/stem2b.
        #expect(paths["0.stem1"] == "12/25" && paths["0.stem2a"] == "13/24")
        #expect(paths["5.m.0.conv1"] == "4/4" && paths["4.m.1.conv1"] == "6/7")
    }

    @Test("yolo resnet_layer.yaml: the first ResNetLayer, bottleneck blocks with projection shortcuts, Classify")
    func resNet() throws {
        let graph = try ImportedFixture.load("Tests/GPathFormatsTests/Fixtures/yolo/resnet_layer.yaml")
        #expect(graph.node(named: "0.layer.1")?.shapeDescription == "8x160x160")
        // The first block projects 8 → 32 channels; the second adds its own input.
        #expect(ImportedFixture.inputs(graph, "1.layer.0.add") == ["1.layer.0.cv3[0:32]", "1.layer.0.shortcut.0[0:32]"])
        #expect(ImportedFixture.inputs(graph, "1.layer.1.add") == ["1.layer.1.cv3[0:32]", "1.layer.0.act[0:32]"])
        guard case .convolution(let strided)? = graph.node(named: "2.layer.0.shortcut.0")?.op else { Issue.record("shortcut"); return }
        #expect(strided.stride == 2 && strided.activation == nil)
        // 0: 3→8 7×7 1176 + 16 = 1192. 1: block 0: 80 + 592 + 320 + 320; block 1: 272 + 592 +
        // 320 = 2496. 2: 544 + 2336 + 1152 + 2176 = 6208. 3: Classify 64→1280 84,480, Linear
        // 1280→3 3843 = 88,323.                                                   total 98,219
        #expect(CostPass().run(on: graph).params == 98_219)
        let paths = ImportedFixture.paths(graph)
        #expect(paths["2.layer.0.shortcut.0"] == "3/3" && paths["1.layer.0.cv1"] == "6/11" && paths["0.layer.0"] == "5/12")
    }
}
