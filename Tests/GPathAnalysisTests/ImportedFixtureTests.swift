import Foundation
import GPathAnalysis
import GPathDiagnostics
import GPathFormats
import GPathIR
import GPathTestSupport
import Testing

/// Darknet and YOLO YAML fixtures through the importers and the analysis: layer count, output
/// shapes, exact params, MACs (FLOPs = 2·MACs) and shortest/longest gradient paths, each
/// derived by hand in the comments.
struct ImportedFixtureTests {
    private func load(_ path: String, scale: String? = nil) throws -> Graph {
        let url = RepositoryPaths.root.appendingPathComponent(path)
        let file = SourceFile(name: path, text: RepositoryPaths.text(url))
        let (graph, diagnostics) = path.hasSuffix(".cfg") ? DarknetReader.read(file) : YOLOYAMLReader.read(file, scale: scale)
        return try #require(graph, "\(diagnostics.map(\.message))")
    }

    private func paths(_ graph: Graph) -> [String: (Int?, Int?)] {
        Dictionary(uniqueKeysWithValues: GradientPathPass().run(on: graph).layers.map { ($0.name, ($0.shortest, $0.longest)) })
    }

    @Test("csp_prn_tiny.cfg: stopbackward, CSP groups split, PRN partial shortcut, SPP, two yolo heads")
    func cspPRN() throws {
        let graph = try load("examples/darknet/csp_prn_tiny.cfg")
        let costs = CostPass().run(on: graph)
        // Weighted layers: convs 0, 1, 3, 4, 8, 13, 16, 19.
        #expect(graph.layers.map(\.name) == ["0", "1", "3", "4", "8", "13", "16", "19"])
        // 0: 3→8 3x3 BN: 216 + 16 = 232        1: 8→16 3x3/2 BN: 1152 + 32 = 1184
        // 3: 8→8 3x3 BN: 576 + 16 = 592        4: 8→16 1x1 BN: 128 + 32 = 160
        // 8: 32→32 3x3 BN: 9216 + 64 = 9280    13: 96→21 1x1 bias: 2016 + 21 = 2037
        // 16: 96→16 1x1 BN: 1536 + 32 = 1568   19: 48→21 1x1 bias: 1008 + 21 = 1029   total 16082
        #expect(costs.params == 16_082)
        // MACs = weights x output area: 216·1024 + 1152·256 + 576·256 + 128·256 + 9216·64 + 2016·64
        //        + 1536·64 + 1008·256 = 1,771,520
        #expect(costs.macs == 1_771_520)
        #expect(costs.flops == 3_543_040)
        // Shapes: route groups=2 group_id=1 is the second half of layer 1; maxpool 2/2 with
        // darknet's padding 1 gives (16 + 1 - 2)/2 + 1 = 8; SPP pools keep 8x8.
        #expect(graph.node(named: "2")?.shapeDescription == "8x16x16")
        #expect(graph.node(named: "2")?.inputs.first?.sourceRange == ChannelRange(8, 16))
        #expect(graph.node(named: "5")?.inputs.map(\.width) == [16, 8])  // PRN: 8 channels into 16
        #expect(graph.node(named: "7")?.shapeDescription == "32x8x8")
        #expect(graph.node(named: "12")?.shapeDescription == "96x8x8")
        #expect(graph.node(named: "18")?.shapeDescription == "48x16x16")
        #expect(graph.losses.count == 2)
        let p = paths(graph)
        // Layer 0 is behind stopbackward: no gradient. Layer 1: shortest 19→1 = 2; longest
        // 19,16,8,4,3,1 = 6 (through the upsample, SPP, CSP merge and PRN add).
        #expect(p["0"]! == (nil, nil))
        #expect(p["1"]! == (2, 6))
        #expect(p["3"]! == (3, 5))   // 19 ← 18 ← 6 ← 5 ← 4 ← 3: 19,4,3 = 3; via 16 and 8: 19,16,8,4,3 = 5
        #expect(p["4"]! == (2, 4))   // 19,4 = 2; 19,16,8,4 = 4
        #expect(p["8"]! == (2, 3))   // 13,8 = 2; 19,16,8 = 3
        #expect(p["13"]! == (1, 1))
        #expect(graph.node(named: "13")?.location?.line == 95)
    }

    @Test("all_sections.cfg: every other darknet section, aliases, implicit, broadcasts, three losses")
    func allSections() throws {
        let graph = try load("Tests/GPathFormatsTests/Fixtures/darknet/all_sections.cfg")
        let costs = CostPass().run(on: graph)
        #expect(graph.layers.map(\.name) == ["0", "3", "5", "8", "16", "20", "23"])
        // 0: 4→8 3x3 BN 288+16=304; 3: 32→16 1x1 g2 bias 256+16=272; 5: linear 16→16 256+16=272;
        // 8: implicit 16; 14 batchnorm 2·16=32; 16: 16→10 bias 170; 20: 16→26 bias 442; 23: 16→18 bias 306
        #expect(costs.params == 1_814)
        // 288·64 + 256·4 + 256 + 16 + 160 + 416·4 + 288·4 = 22,704
        #expect(costs.macs == 22_704)
        #expect(graph.node(named: "1")?.shapeDescription == "8x4x4")    // local_avgpool (8+1-2)/2+1
        #expect(graph.node(named: "2")?.shapeDescription == "32x2x2")   // reorg3d stride 2
        #expect(graph.node(named: "6")?.shapeDescription == "16x2x2")   // scale_channels: shape of `from`
        #expect(graph.node(named: "11")?.shapeDescription == "16x1x1")  // upsample stride=-2
        #expect(graph.losses.map(\.name) == ["18", "21", "24"])         // cost (softmax feeds it), Gaussian_yolo, region
        let p = paths(graph)
        // 3: 16→(sam 7)→3 = 2 and 20→3 = 2; longest 16,5,3 (through the SE vector) = 3.
        #expect(p["3"]! == (2, 3))
        #expect(p["0"]! == (3, 4))
        #expect(p["5"]! == (2, 2))
        #expect(p["8"]! == (2, 2))   // implicit: 16 → shortcut 10 → 8
        #expect(p["16"]! == (1, 1))
    }

    @Test("elan_tiny.yaml: ELAN rows, MP-Conv, SPPCSPC, RepConv, IDetect with two levels")
    func elan() throws {
        let graph = try load("examples/yolo/elan_tiny.yaml")
        let costs = CostPass().run(on: graph)
        // 0: 3→16 k3 464; 1: 16→32 k3 4672; 2,3: 32→16 544 each; 4,5: 16→16 k3 2336 each;
        // 7: 64→32 2112; 9,10: 32→16 544 each; 11: 16→16 k3 2336; 13 SPPCSPC(32): cv1,cv2,cv4
        // 1088 each + cv3,cv6 9280 each + cv5 128→32 4160 + cv7 64→32 2112 = 28096; 14,16: 544 each;
        // 18,19 RepConv 32→32: 9280 + 1088 + identity BN 64 = 10432 each; IDetect 2 levels of
        // ImplicitA 32 + conv 32·21+21 = 693 + ImplicitM 21 = 746 → 1492. Total 67,972.
        #expect(costs.params == 67_972)
        // MACs = weights·output area (input 640: 320² = 102,400, 160² = 25,600, 80² = 6,400):
        // 0: 432·102,400 = 44,236,800; 1: 4608·25,600 = 117,964,800; 2, 3: 512·25,600 = 13,107,200 each;
        // 4, 5: 2304·25,600 = 58,982,400 each; 7: 2048·25,600 = 52,428,800; 9: 512·6,400 = 3,276,800;
        // 10 (reads 7 at 160): 13,107,200; 11: 2304·6,400 = 14,745,600;
        // 13 SPPCSPC at 80: cv1, cv2, cv4 1024·6,400 = 6,553,600 each, cv3, cv6 9216·6,400 = 58,982,400
        //    each, cv5 4096·6,400 = 26,214,400, cv7 2048·6,400 = 13,107,200: 176,947,200;
        // 14: 3,276,800; 16 (reads 7): 13,107,200; 18 RepConv at 160: (9216 + 1024)·25,600 = 262,144,000;
        // 19 RepConv at 80: 10240·6,400 = 65,536,000; 20 IDetect: implicit vectors 32 + 21 per level,
        // m.0 672·25,600 = 17,203,200, m.1 672·6,400 = 4,300,800: 21,504,106.   Total 932,454,506.
        #expect(costs.macs == 932_454_506)
        #expect(costs.flops == 1_864_909_012)
        #expect(graph.layers.count == 29)
        #expect(graph.node(named: "12")?.shapeDescription == "32x80x80")
        #expect(graph.node(named: "17")?.shapeDescription == "32x160x160")
        #expect(graph.losses.map(\.name) == ["20.loss0", "20.loss1"])
        let summary = GradientPathPass().run(on: graph)
        // Longest: loss0 ← m.0 ← 18 ← 15 ← 14 ← 13.cv7,cv6,cv5,cv4,cv3,cv1 ← 12 ← 11 ← 10 ← 7 ← 5 ← 4
        // ← 3 ← 1 ← 0: 17 weighted layers. ELAN criterion: 13.cv1 has shortest 7.
        #expect(summary.longestPath == 17)
        #expect(summary.longestShortestPath == 7)
        #expect(paths(graph)["13.cv1"]! == (7, 9))
        #expect(paths(graph)["13.cv2"]! == (3, 5))   // the CSP bypass: 18/19 rbr, cv7, cv2
    }

    @Test("c2f_multihead.yaml: scales n and s, C2f splits, SPPF, anchor-free Detect on two levels")
    func c2f() throws {
        let nano = try load("examples/yolo/c2f_multihead.yaml", scale: "n")
        // scale n: width 0.25 → Conv 64→16, 128→32; C2f(128) n = round(3·0.33) = 1; C2f(256) n = 2.
        #expect(nano.node(named: "2.m.0.cv1")?.inputs.first?.sourceRange == ChannelRange(16, 32))
        #expect(nano.node(named: "2.cv2")?.inputWidth == 48)   // (2 + 1) chunks of 16
        #expect(nano.node(named: "4.m.1.cv2") != nil && nano.node(named: "4.m.2.cv1") == nil)
        // Detect: c2 = max(16, 32/4, 64) = 64, c3 = max(32, min(4, 100)) = 32 on both levels.
        #expect(nano.node(named: "9.cv2.1.2")?.channels == 64)
        #expect(nano.node(named: "9.cv3.0.2")?.channels == 4)
        #expect(nano.losses.count == 2)
        #expect(CostPass().run(on: nano).params == 285_016)
        // MACs at 640 (areas 102,400 / 25,600 / 6,400): 0: 432·102,400 = 44,236,800;
        // 1: 4608·25,600 = 117,964,800; 2 C2f(32, n=1, c=16): cv1 1024, m.0 2×2304, cv2 48·32 = 1536
        //    → 7168·25,600 = 183,500,800; 3: 18432·6,400 = 117,964,800;
        // 4 C2f(64, n=2, c=32): cv1 4096, m.0/m.1 4×9216, cv2 128·64 = 8192 → 49152·6,400 = 314,572,800;
        // 5 SPPF: cv1 2048 + cv2 8192 → 10240·6,400 = 65,536,000;
        // 8 C2f(32, n=1) on 96 channels: cv1 3072, m.0 4608, cv2 1536 → 9216·25,600 = 235,929,600;
        // 9 Detect (c2 = 64, c3 = 32): level 0 at 160 reads 32: box 18432 + 36864 + 4096, cls 9216 +
        //    9216 + 128 → 77952·25,600 = 1,995,571,200; level 1 at 80 reads 64: box 36864·2 + 4096,
        //    cls 18432 + 9216 + 128 → 105600·6,400 = 675,840,000.          Total 3,751,116,800.
        #expect(CostPass().run(on: nano).macs == 3_751_116_800)
        #expect(CostPass().run(on: nano).flops == 7_502_233_600)
        #expect(GradientPathPass().run(on: nano).longestPath == 22)
        let small = try load("examples/yolo/c2f_multihead.yaml", scale: "s")
        #expect(small.node(named: "0")?.channels == 32)
        #expect(small.node(named: "5.cv2")?.channels == 128)   // min(256, 512)·0.5
    }
}
