import GPathAnalysis
import GPathIR
import Testing

/// The remaining Darknet keys/sections and YOLO modules, one small fixture each, with layer
/// count, output shapes, exact params, MACs (FLOPs = 2·MACs) and every layer's shortest/longest
/// gradient path derived by hand below. Conv params = c_out·(c_in/groups)·k² + 2·c_out (BN
/// scale and shift) or + c_out (bias); MACs = weights·output area. A path counts the weighted
/// layers from a loss to the layer, the layer included.
struct ImportedModuleFixtureTests {
    private static let fixtures = "Tests/GPathFormatsTests/Fixtures"

    @Test("darknet dilated_detection.cfg: dilation, stride_x/stride_y, [normalization], [connected], [detection]")
    func darknetDetection() throws {
        let graph = try ImportedFixture.load("\(Self.fixtures)/darknet/dilated_detection.cfg")
        #expect(graph.layers.map(\.name) == ["0", "2", "4"])
        // 0: pad=1 → padding 1·dilation 2 = 2: (16 + 4 − 2·2 − 1)/1 + 1 = 16.
        #expect(graph.node(named: "0")?.op == .convolution(Convolution(kernel: 3, padding: 2, dilation: 2, normalized: true, activation: .leakyRelu)))
        #expect(graph.node(named: "0")?.shapeDescription == "8x16x16")
        #expect(graph.node(named: "1")?.op == .passThrough(.identity))                // LRN: no weights
        #expect(graph.node(named: "2")?.shapeDescription == "16x8x8")                 // stride_x = stride_y = 2
        #expect(graph.node(named: "3")?.shapeDescription == "16x4x4")                 // (8 + 1 − 2)/2 + 1
        #expect(graph.node(named: "4")?.shapeDescription == "32x1x1")                 // 2²·((4+1)·1 + 3)
        #expect(graph.losses.map(\.name) == ["5"])
        let costs = CostPass().run(on: graph)
        // 0: 3·8·9 = 216 + 16 = 232; 2: 8·16·9 = 1152 + 32 = 1184; 4: 256·32 = 8192 + 32 bias = 8224.
        #expect(costs.params == 9_640)
        // 216·256 = 55,296 + 1152·64 = 73,728 + 8192 = 137,216.
        #expect(costs.macs == 137_216)
        #expect(costs.flops == 274_432)
        // A chain: detection ← 4 ← max ← 2 ← LRN ← 0.
        #expect(ImportedFixture.paths(graph) == ["4": "1/1", "2": "2/2", "0": "3/3"])
    }

    @Test("darknet multi_from.cfg: explicit conv/maxpool padding, a shortcut with two wider `from` layers")
    func darknetMultiFrom() throws {
        let graph = try ImportedFixture.load("\(Self.fixtures)/darknet/multi_from.cfg")
        #expect(graph.layers.map(\.name) == ["0", "1", "2", "5"])
        #expect(graph.node(named: "0")?.shapeDescription == "4x6x6")     // padding=0: (8 − 3)/1 + 1
        #expect(graph.node(named: "1")?.shapeDescription == "4x6x6")     // padding=1
        // The shortcut keeps the previous layer's 2 channels and adds the first 2 of layers 0 and 1.
        #expect(graph.node(named: "3")?.inputs.map { "\(graph[$0.source].name)\($0.sourceRange)" } == ["2[0:2]", "0[0:2]", "1[0:2]"])
        #expect(graph.node(named: "4")?.shapeDescription == "2x3x3")     // total padding 2: (6 + 2 − 3)/2 + 1
        let costs = CostPass().run(on: graph)
        // Biases (no batch norm): 0: 2·4·9 + 4 = 76; 1: 4·4·9 + 4 = 148; 2: 4·2 + 2 = 10; 5: 2·6 + 6 = 18.
        #expect(costs.params == 252)
        // 72·36 + 144·36 + 8·36 + 12·9 = 2592 + 5184 + 288 + 108.
        #expect(costs.macs == 8_172)
        #expect(costs.flops == 16_344)
        // 5 ← max ← shortcut ← {2, 0[0:2], 1[0:2]}: 2 and the added halves of 0 and 1 get 2; the
        // other halves only through 1 ← 2 (1[2:4]: 5, 2, 1 = 3) or 0 → 1 (0[2:4]: 3 and 4).
        #expect(ImportedFixture.paths(graph) == ["5": "1/1", "2": "2/2", "1": "2/3", "0": "2/4"])
        #expect(GradientPathPass().run(on: graph).longestShortestPath == 3)
    }

    @Test("yolo v5_modules.yaml: file activation, Focus, DWConv, C3, Bottleneck, SPP, BatchNorm2d, Identity, Detect with anchor lists")
    func yoloV5() throws {
        let graph = try ImportedFixture.load("\(Self.fixtures)/yolo/v5_modules.yaml")
        // Widths ×0.25 rounded up to 8: 32 → 8, 64 → 16, 128 → 32. C3's n = round(3·0.33) = 1.
        #expect(graph.layers.map(\.name) == [
            "0.conv", "1", "2.cv1", "2.cv2", "2.m.0.cv1", "2.m.0.cv2", "2.cv3", "3", "4.cv1", "4.cv2",
            "5.cv1", "5.cv2", "7", "11.m.0", "11.m.1",
        ])
        #expect(graph.node(named: "0.reorg")?.shapeDescription == "12x320x320")     // Focus: space-to-depth
        #expect(graph.node(named: "0.conv")?.shapeDescription == "8x320x320")
        #expect(graph.node(named: "2.cv3")?.shapeDescription == "16x160x160")
        #expect(graph.node(named: "3")?.op.groups == 16)                            // DWConv: gcd(16, 16)
        #expect(graph.node(named: "3")?.shapeDescription == "16x80x80")
        #expect(graph.node(named: "4.add")?.inputs.count == 2)                      // c1 == c2: residual
        #expect(graph.node(named: "5.cv2")?.inputWidth == 24)                       // cat(cv1, pool3, pool5)
        #expect(graph.node(named: "6")?.op == .passThrough(.normalization))
        #expect(graph.node(named: "10")?.op == .passThrough(.identity))
        #expect(graph.node(named: "9")?.shapeDescription == "32x160x160")
        #expect(graph.node(named: "11.m.0")?.shapeDescription == "12x160x160")      // 2 anchors·(1 + 5)
        #expect(graph.node(named: "11.m.1")?.shapeDescription == "12x80x80")
        #expect(graph.losses.map(\.name) == ["11.loss0", "11.loss1"])
        // `activation: nn.ReLU()` reaches every Conv, also inside modules; Detect convs have none.
        for name in ["0.conv", "1", "2.m.0.cv2", "3", "4.cv1", "5.cv2", "7"] {
            guard case .convolution(let c)? = graph.node(named: name)?.op else { Issue.record("\(name)"); continue }
            #expect(c.activation == .relu, "\(name)")
        }
        let costs = CostPass().run(on: graph)
        // 0: 12·8·9 = 864 + 16 = 880                    1: 8·16·9 = 1152 + 32 = 1184
        // 2: cv1, cv2 16→8: 128 + 16 = 144 each; m.0.cv1 8→8: 64 + 16 = 80; m.0.cv2 8→8 3×3: 576 + 16 = 592;
        //    cv3 16→16: 256 + 32 = 288; C3 = 1248      3: 16·1·9 = 144 + 32 = 176
        // 4: cv1 16→8: 144; cv2 8→16 3×3: 1152 + 32 = 1184; = 1328
        // 5: cv1 16→8: 144; cv2 24→32: 768 + 64 = 832; = 976     6: BN 2·32 = 64
        // 7: 32→16: 512 + 32 = 544     11: 2 × (32·12 + 12 bias) = 2 × 396 = 792      total 7192
        #expect(costs.params == 7_192)
        // Areas 320² = 102,400, 160² = 25,600, 80² = 6,400.
        // 0: 864·102,400 = 88,473,600                   1: 1152·25,600 = 29,491,200
        // 2: (128 + 128 + 64 + 576 + 256)·25,600 = 29,491,200      3: 144·6,400 = 921,600
        // 4: (128 + 1152)·6,400 = 8,192,000             5: (128 + 768)·6,400 = 5,734,400
        // 7: 512·6,400 = 3,276,800     11: 384·25,600 + 384·6,400 = 12,288,000     total 177,868,800
        #expect(costs.macs == 177_868_800)
        #expect(costs.flops == 355_737_600)
        // Lead losses: 11.m.0 ← 10 ← 9 ← {8 ← 7 ← 6, 2}; 11.m.1 ← 6 (BN) ← 5.
        // 5.cv2: m.1 → 2, m.0 → 7 → 3; 5.cv1 one more. 4 adds its input: 3 gets 5.cv1 + 1 = 4 and
        // via 4.cv1 (6) + 1 = 7. 2.cv3: m.0 → 2; via 3: 8. The C3 bottleneck adds 2.cv1 (3/11).
        #expect(ImportedFixture.paths(graph) == [
            "11.m.0": "1/1", "11.m.1": "1/1", "7": "2/2", "5.cv2": "2/3", "5.cv1": "3/4",
            "4.cv2": "4/5", "4.cv1": "5/6", "3": "4/7", "2.cv3": "2/8", "2.m.0.cv2": "3/9", "2.m.0.cv1": "4/10",
            "2.cv2": "3/9", "2.cv1": "3/11", "1": "4/12", "0.conv": "5/13",
        ])
    }

    @Test("yolo v7_modules.yaml: ReOrg, SP, DownC, MP, IAuxDetect with an anchor count")
    func yoloV7() throws {
        let graph = try ImportedFixture.load("\(Self.fixtures)/yolo/v7_modules.yaml")
        #expect(graph.layers.count == 14)
        #expect(graph.node(named: "0")?.shapeDescription == "12x320x320")     // ReOrg
        #expect(graph.node(named: "2")?.shapeDescription == "16x160x160")     // SP 5: pad 2, stride 1
        #expect(graph.node(named: "3.cv2")?.shapeDescription == "16x80x80")   // 3×3 stride k = 2
        #expect(graph.node(named: "3.mp")?.shapeDescription == "16x80x80")
        #expect(graph.node(named: "3")?.shapeDescription == "32x80x80")       // cat(cv2, cv3)
        #expect(graph.node(named: "4")?.shapeDescription == "32x40x40")       // MP 2
        #expect(graph.node(named: "7.m.0")?.shapeDescription == "7x80x80")    // 1 anchor·(2 + 5)
        #expect(graph.node(named: "7.m2.1")?.shapeDescription == "7x40x40")
        #expect(graph.losses.map(\.name) == ["7.loss0", "7.loss1", "7.aux0", "7.aux1"])
        let costs = CostPass().run(on: graph)
        // 1: 12·16·9 = 1728 + 32 = 1760
        // 3: cv1 16→16: 256 + 32 = 288; cv2 16→16 3×3: 2304 + 32 = 2336; cv3 16→16: 288; = 2912
        // 5: 32→16: 512 + 32 = 544     6: 544
        // 7: per lead level ImplicitA 16 + m 16·7 + 7 = 119 + ImplicitM 7 = 142, ×2 = 284;
        //    aux m2: 32·7 + 7 = 231, ×2 = 462; = 746                        total 6506
        #expect(costs.params == 6_506)
        // 1: 1728·25,600 = 44,236,800
        // 3: 256·25,600 + 2304·6,400 + 256·6,400 = 6,553,600 + 14,745,600 + 1,638,400 = 22,937,600
        // 5: 512·1,600 = 819,200     6: 512·6,400 = 3,276,800
        // 7: implicit vectors 16 + 7 per level (1×1 maps) = 46; m.0 112·6,400 = 716,800;
        //    m.1 112·1,600 = 179,200; m2.0 224·6,400 = 1,433,600; m2.1 224·1,600 = 358,400; = 2,688,046
        #expect(costs.macs == 73_958_446)
        #expect(costs.flops == 147_916_892)
        // Lead heads read 6 (level 0) and 5 (level 1) through ImplicitA: 5, 6 and ia = 2.
        // Aux heads read 3 and 4 (MP of 3) directly: 3.cv2/3.cv3 get 2 via m2, 3 via 6 or 5.
        #expect(ImportedFixture.paths(graph) == [
            "7.m.0": "1/1", "7.im.0": "1/1", "7.ia.0": "2/2", "7.m.1": "1/1", "7.im.1": "1/1", "7.ia.1": "2/2",
            "7.m2.0": "1/1", "7.m2.1": "1/1", "6": "2/2", "5": "2/2", "3.cv2": "2/3", "3.cv3": "2/3",
            "3.cv1": "3/4", "1": "3/5",
        ])
    }

    @Test("yolo detect_anchor_count.yaml: v5 Detect with `anchors: 3` on two levels")
    func detectAnchorCount() throws {
        let graph = try ImportedFixture.load("\(Self.fixtures)/yolo/detect_anchor_count.yaml")
        #expect(graph.layers.map(\.name) == ["0", "1", "2.m.0", "2.m.1"])
        #expect(graph.node(named: "2.m.0")?.shapeDescription == "24x320x320")  // 3·(3 + 5)
        #expect(graph.node(named: "2.m.1")?.shapeDescription == "24x160x160")
        #expect(graph.losses.map(\.name) == ["2.loss0", "2.loss1"])
        let costs = CostPass().run(on: graph)
        // 0: 3·8·9 = 216 + 16 = 232; 1: 8·16·9 = 1152 + 32 = 1184; m.0: 8·24 + 24 = 216; m.1: 16·24 + 24 = 408.
        #expect(costs.params == 2_040)
        // 216·102,400 = 22,118,400; 1152·25,600 = 29,491,200; 192·102,400 = 19,660,800; 384·25,600 = 9,830,400.
        #expect(costs.macs == 81_100_800)
        #expect(costs.flops == 162_201_600)
        #expect(ImportedFixture.paths(graph) == ["2.m.0": "1/1", "2.m.1": "1/1", "1": "2/2", "0": "2/3"])
    }
}
