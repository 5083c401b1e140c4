import GPathAnalysis
import GPathIR
import Testing

/// GhostNet modules (yolov5 / ultralytics `GhostConv`, `GhostBottleneck`, `C3Ghost`) through the
/// YOLO YAML importer and the analysis; params, MACs (FLOPs = 2·MACs) and paths derived by hand
/// as in ``ImportedModuleFixtureTests``.
struct YOLOGhostFixtureTests {
    @Test("yolo ghost_modules.yaml: GhostConv, C3Ghost, a stride-2 GhostBottleneck")
    func ghost() throws {
        let graph = try ImportedFixture.load("Tests/GPathFormatsTests/Fixtures/yolo/ghost_modules.yaml")
        #expect(graph.layers.count == 19)
        // GhostConv: cat(cv1, depthwise 5×5 of cv1).
        #expect(graph.node(named: "1.cv2")?.op.groups == 8)
        #expect(ImportedFixture.inputs(graph, "1") == ["1.cv1[0:8]", "1.cv2[0:8]"])
        // C3Ghost: the bottleneck's ghost branch plus its input (cv1), no activation on conv.2.
        #expect(ImportedFixture.inputs(graph, "2.m.0.add") == ["2.m.0.conv.2[0:8]", "2.cv1[0:8]"])
        guard case .convolution(let linear)? = graph.node(named: "2.m.0.conv.2.cv2")?.op else { Issue.record("conv.2.cv2"); return }
        #expect(linear.activation == nil && linear.groups == 4)
        // Stride 2: depthwise 3×3/2 on the branch (conv.1) and the shortcut, then a 1×1.
        #expect(ImportedFixture.inputs(graph, "3.conv.1") == ["3.conv.0[0:16]"])
        #expect(ImportedFixture.inputs(graph, "3.add") == ["3.conv.2[0:32]", "3.shortcut.1[0:32]"])
        #expect(graph.node(named: "3.add")?.shapeDescription == "32x80x80")
        let costs = CostPass().run(on: graph)
        // Conv = c1·c2·k²/g + 2·c2.  0: 216 + 16 = 232
        // 1 GhostConv 8→16 3×3/2: cv1 8→8 3×3: 592; cv2 depthwise 5×5 of 8: 200 + 16 = 216; = 808
        // 2 C3Ghost c_ 8: cv1, cv2 16→8: 144 each; m.0 GhostBottleneck(8, 8): conv.0 GhostConv 8→4
        //   (cv1 8→2: 20, cv2 dw 2: 54), conv.2 GhostConv 4→8 (cv1 4→4: 24, cv2 dw 4: 108) = 206;
        //   cv3 16→16: 288; = 782
        // 3 GhostBottleneck 16→32 s2: conv.0 (cv1 16→8: 144, cv2 dw 8: 216); conv.1 dw 3×3 of 16:
        //   144 + 32 = 176; conv.2 (cv1 16→16: 288, cv2 dw 16: 432); shortcut.0 dw 3×3: 176;
        //   shortcut.1 16→32: 576; = 2008
        // 4 Detect: 16·6 + 6 = 102 and 32·6 + 6 = 198                       total 4130
        #expect(costs.params == 4_130)
        // 0: 216·320² = 22,118,400     1: (576 + 200)·160² = 19,865,600
        // 2: (128 + 128 + 16 + 50 + 16 + 100 + 256)·160² = 694·25,600 = 17,766,400
        // 3: (128 + 200)·160² = 8,396,800 + (144 + 256 + 400 + 144 + 512)·80² = 9,318,400
        // 4: 96·160² + 192·80² = 3,686,400                                  total 81,152,000
        #expect(costs.macs == 81_152_000)
        #expect(costs.flops == 162_304_000)
        // loss0 ← 4.m.0 ← 2.cv3; loss1 ← 4.m.1 ← 3.add ← {cat(conv.2.cv1, conv.2.cv2), shortcut.1}.
        // Row 3: conv.2.cv2 2/2, conv.2.cv1 2/3 (cat or cv2), conv.1 3/4, conv.0.cv2 4/5, conv.0.cv1
        // 4/6, shortcut.1 2/2, shortcut.0 3/3. 2.cv3: 2 via 4.m.0, 7 via 3.conv.0.cv1; inside 2 the
        // same pattern shifted by cv3: conv.2.cv2 3/8 … conv.0.cv1 4/11; 2.cv1 3 (residual) / 12,
        // 2.cv2 3/8; 1.cv2 4/13, 1.cv1 4/14, 0 5/15.
        #expect(ImportedFixture.paths(graph) == [
            "4.m.0": "1/1", "4.m.1": "1/1", "3.conv.2.cv2": "2/2", "3.conv.2.cv1": "2/3", "3.conv.1": "3/4",
            "3.conv.0.cv2": "4/5", "3.conv.0.cv1": "4/6", "3.shortcut.1": "2/2", "3.shortcut.0": "3/3",
            "2.cv3": "2/7", "2.m.0.conv.2.cv2": "3/8", "2.m.0.conv.2.cv1": "3/9", "2.m.0.conv.0.cv2": "4/10",
            "2.m.0.conv.0.cv1": "4/11", "2.cv1": "3/12", "2.cv2": "3/8", "1.cv2": "4/13", "1.cv1": "4/14", "0": "5/15",
        ])
    }
}
