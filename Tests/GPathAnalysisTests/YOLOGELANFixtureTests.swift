import GPathAnalysis
import GPathIR
import Testing

/// YOLOv9's GELAN modules through the YOLO YAML importer and the analysis: which layers feed
/// which concat and add, params, MACs (FLOPs = 2·MACs) and every layer's shortest/longest
/// gradient path, derived by hand as in ``ImportedModuleFixtureTests``.
struct YOLOGELANFixtureTests {
    @Test("yolo gelan_modules.yaml: ELAN1, AConv, RepNCSPELAN4, ADown, SPPELAN, CBLinear, CBFuse")
    func gelan() throws {
        let graph = try ImportedFixture.load("Tests/GPathFormatsTests/Fixtures/yolo/gelan_modules.yaml")
        #expect(graph.layers.count == 29)
        // ELAN1: cv4 reads both halves of cv1, cv2 (3×3 on the second half) and cv3 (3×3 on cv2).
        #expect(ImportedFixture.inputs(graph, "1.cv2") == ["1.cv1[4:8]"])
        #expect(ImportedFixture.inputs(graph, "1.cv4") == ["1.cv1[0:4]", "1.cv1[4:8]", "1.cv2[0:4]", "1.cv3[0:4]"])
        // AConv: 2×2/1 average pool, 320 → 319; then 3×3/2 p1: (319 + 2 − 3)/2 + 1 = 160.
        #expect(graph.node(named: "2.avg_pool")?.shapeDescription == "8x319x319")
        #expect(graph.node(named: "2.cv1")?.shapeDescription == "16x160x160")
        // RepNCSPELAN4: cv2 = RepCSP (C3 of RepBottlenecks) then a 3×3 Conv, cv3 the same on cv2.
        #expect(ImportedFixture.inputs(graph, "3.cv2.0.cv1") == ["3.cv1[4:8]"])
        #expect(ImportedFixture.inputs(graph, "3.cv3.0.cv1") == ["3.cv2.1[0:4]"])
        #expect(ImportedFixture.inputs(graph, "3.cv4") == ["3.cv1[0:4]", "3.cv1[4:8]", "3.cv2.1[0:4]", "3.cv3.1[0:4]"])
        // RepBottleneck: RepConv (3×3 + 1×1, summed, then SiLU) → Conv 3×3, plus the input.
        #expect(ImportedFixture.inputs(graph, "3.cv2.0.m.0.cv1.sum") == ["3.cv2.0.m.0.cv1.conv1[0:2]", "3.cv2.0.m.0.cv1.conv2[0:2]"])
        #expect(graph.node(named: "3.cv2.0.m.0.cv1.act")?.op == .passThrough(.activation(.silu)))
        #expect(ImportedFixture.inputs(graph, "3.cv2.0.m.0.add") == ["3.cv2.0.cv1[0:2]", "3.cv2.0.m.0.cv2[0:2]"])
        #expect(ImportedFixture.inputs(graph, "3.cv2.0.cv3") == ["3.cv2.0.m.0.add[0:2]", "3.cv2.0.cv2[0:2]"])
        // ADown: average pool 160 → 159, first half 3×3/2 p1, second half 3×3/2 p1 max pool → 1×1.
        #expect(ImportedFixture.inputs(graph, "4.cv1") == ["4.avg_pool[0:8]"])
        #expect(ImportedFixture.inputs(graph, "4.max_pool") == ["4.avg_pool[8:16]"])
        #expect(graph.node(named: "4")?.shapeDescription == "16x80x80")
        // SPPELAN: three chained 5×5 max pools, cv5 over cat(cv1, pools).
        #expect(ImportedFixture.inputs(graph, "5.cv3") == ["5.cv2[0:4]"])
        #expect(ImportedFixture.inputs(graph, "5.cv5") == ["5.cv1[0:4]", "5.cv2[0:4]", "5.cv3[0:4]", "5.cv4[0:4]"])
        // CBFuse: a CBLinear piece resized to the target (×2 or not at all) plus the target.
        #expect(ImportedFixture.inputs(graph, "7.resize0") == ["6.conv[0:16]"])
        #expect(graph.node(named: "7.resize0")?.shapeDescription == "16x160x160")
        #expect(ImportedFixture.inputs(graph, "7") == ["7.resize0[0:16]", "3.cv4[0:16]"])
        #expect(ImportedFixture.inputs(graph, "8") == ["6.conv[16:32]", "5.cv5[0:16]"])
        let costs = CostPass().run(on: graph)
        // Conv = c1·c2·k² + 2·c2.  0: 216 + 16 = 232
        // 1 ELAN1: cv1 8→8: 80; cv2, cv3 4→4 3×3: 152 each; cv4 16→8: 144; = 528
        // 2 AConv: 8→16 3×3: 1152 + 32 = 1184
        // 3 RepNCSPELAN4: cv1 16→8: 144; RepCSP(4, 4): cv1, cv2 4→2: 12 each, RepConv 2→2:
        //   40 + 8, m.0.cv2 2→2 3×3: 40, cv3 4→4: 24 = 136; cv2.1 / cv3.1 4→4 3×3: 152;
        //   cv4 16→16: 288; = 144 + 2·(136 + 152) + 288 = 1008
        // 4 ADown: cv1 8→8 3×3: 592; cv2 8→8: 80; = 672     5 SPPELAN: cv1 16→4: 72; cv5 16→16: 288; = 360
        // 6 CBLinear: 16→32 biased: 512 + 32 = 544     9: two 16→6 biased: 102 each      total 4732
        #expect(costs.params == 4_732)
        // Areas 320² = 102,400, 160² = 25,600, 80² = 6,400.
        // 0: 216·102,400 = 22,118,400     1: (64 + 144 + 144 + 128)·102,400 = 49,152,000
        // 2: 1152·25,600 = 29,491,200
        // 3: (128 + 2·(8 + 8 + 36 + 4 + 36 + 16 + 144) + 256)·25,600 = 888·25,600 = 22,732,800
        // 4: (576 + 64)·6,400 = 4,096,000     5: (64 + 256)·6,400 = 2,048,000     6: 512·6,400 = 3,276,800
        // 9: 96·25,600 + 96·6,400 = 3,072,000                                  total 135,987,200
        #expect(costs.macs == 135_987_200)
        #expect(costs.flops == 271_974_400)
        // Losses: 9.m.0 ← 7 ← {6.conv, 3.cv4}; 9.m.1 ← 8 ← {6.conv, 5.cv5}; 6.conv ← 5.cv5.
        // 5.cv5: 2 (via 8) / 3 (via 6); 5.cv1 3/4; ADown's convs 4/5; 3.cv4: 2 (via 7) / 6.
        // Inside 3 (relative to cv4 = 2/6): cv3.1 3/7; cv3.0.cv3 4/8; its bottleneck cv2 and bypass
        // 5/9; RepConv 6/10; cv3.0.cv1 5 (residual) / 11 (RepConv); cv2.1 3 (cv4) / 12; cv2.0 as
        // cv3.0 shifted by 5; cv1 3 (halves into cv4) / 17 (second half through cv2.0.cv1).
        // Then 2.cv1 4/18, ELAN1 cv4 5/19, cv3 6/20, cv2 6/21, cv1 6/22, 0 7/23.
        #expect(ImportedFixture.paths(graph) == [
            "9.m.0": "1/1", "9.m.1": "1/1", "6.conv": "2/2", "5.cv5": "2/3", "5.cv1": "3/4", "4.cv1": "4/5", "4.cv2": "4/5",
            "3.cv4": "2/6", "3.cv3.1": "3/7", "3.cv3.0.cv3": "4/8", "3.cv3.0.m.0.cv2": "5/9", "3.cv3.0.cv2": "5/9",
            "3.cv3.0.m.0.cv1.conv1": "6/10", "3.cv3.0.m.0.cv1.conv2": "6/10", "3.cv3.0.cv1": "5/11", "3.cv2.1": "3/12",
            "3.cv2.0.cv3": "4/13", "3.cv2.0.m.0.cv2": "5/14", "3.cv2.0.cv2": "5/14", "3.cv2.0.m.0.cv1.conv1": "6/15",
            "3.cv2.0.m.0.cv1.conv2": "6/15", "3.cv2.0.cv1": "5/16", "3.cv1": "3/17", "2.cv1": "4/18",
            "1.cv4": "5/19", "1.cv3": "6/20", "1.cv2": "6/21", "1.cv1": "6/22", "0": "7/23",
        ])
    }
}
