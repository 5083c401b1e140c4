import GPathAnalysis
import GPathIR
import Testing

/// YOLO YAML rows that name plain `torch.nn` layers, and yolov7's Conv argument order, through
/// the importer and the analysis; params, MACs (FLOPs = 2·MACs) and paths derived by hand as in
/// ``ImportedModuleFixtureTests``.
struct YOLOTorchRowFixtureTests {
    @Test("yolo torch_layers.yaml: torch.nn file activation, yolov7 Conv act slot, MaxPool2d, ZeroPad2d, ConvTranspose2d, ConvTranspose")
    func torchLayers() throws {
        let graph = try ImportedFixture.load("Tests/GPathFormatsTests/Fixtures/yolo/torch_layers.yaml")
        #expect(graph.layers.map(\.name) == ["0", "2", "5", "6", "7.m.0", "7.m.1"])
        // yolov7's sixth Conv argument is the activation, not ultralytics' dilation.
        #expect(graph.node(named: "0")?.op == .convolution(Convolution(kernel: 3, stride: 2, normalized: true, activation: .leakyRelu)))
        #expect(graph.node(named: "0")?.shapeDescription == "8x320x320")
        // `activation: torch.nn.ReLU()` is the Conv default.
        #expect(graph.node(named: "2")?.op == .convolution(Convolution(kernel: 3, stride: 2, normalized: true, activation: .relu)))
        #expect(graph.node(named: "1")?.shapeDescription == "8x160x160")              // MaxPool2d 2/2
        #expect(graph.node(named: "3") == nil)                                         // ZeroPad2d folds into 4
        #expect(graph.node(named: "4")?.op == .passThrough(.maxPool(Pooling(kernel: 2, stride: 1, padding: 0, trailingPadding: 1))))
        #expect(graph.node(named: "4")?.shapeDescription == "16x80x80")               // (80 + 0 + 1 − 2)/1 + 1
        // ConvTranspose2d k2 s2: a stride-1 2×2 conv (odd span 1 → dilation 2, padding 1) with a
        // bias and no norm or activation, then a nearest ×2 upsample.
        #expect(graph.node(named: "5")?.op == .convolution(Convolution(kernel: 2, padding: 1, dilation: 2, bias: true)))
        #expect(graph.node(named: "5")?.shapeDescription == "8x80x80")
        #expect(graph.node(named: "5/upsample")?.op == .passThrough(.upsample(scale: 2)))
        #expect(graph.node(named: "5/upsample")?.shapeDescription == "8x160x160")
        // ConvTranspose k4 s2 p1: (160 − 1)·2 − 2 + 3 + 1 = 320 = 2·160; span 3 → dilation 2, padding 3.
        #expect(graph.node(named: "6")?.op == .convolution(Convolution(kernel: 4, padding: 3, dilation: 2, normalized: true, activation: .relu)))
        #expect(graph.node(named: "6/upsample")?.shapeDescription == "8x320x320")
        #expect(graph.losses.map(\.name) == ["7.loss0", "7.loss1"])
        let costs = CostPass().run(on: graph)
        // 0: 3·8·9 = 216 + 16 = 232     2: 8·16·9 = 1152 + 32 = 1184
        // 5: 16·8·4 = 512 + 8 bias = 520     6: 8·8·16 = 1024 + 16 = 1040
        // 7: two 8→6 1×1 biased convs: 48 + 6 = 54 each                         total 3084
        #expect(costs.params == 3_084)
        // 0: 216·320² = 22,118,400     2: 1152·80² = 7,372,800
        // 5: 512·80² = 3,276,800 (every input value through every tap)     6: 1024·160² = 26,214,400
        // 7: 48·320² = 4,915,200 + 48·160² = 1,228,800                        total 65,126,400
        #expect(costs.macs == 65_126_400)
        #expect(costs.flops == 130_252_800)
        // loss0 ← 7.m.0 ← 6 ← 5 ← pool ← 2 ← pool ← 0; loss1 ← 7.m.1 ← 5: 5 gets 2 and 3.
        #expect(ImportedFixture.paths(graph) == ["7.m.0": "1/1", "7.m.1": "1/1", "6": "2/2", "5": "2/3", "2": "3/4", "0": "4/5"])
    }
}
