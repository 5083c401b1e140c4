import Foundation
import GPathAnalysis
import GPathDiagnostics
import GPathFormats
import GPathIR
import GPathTestSupport
import Testing

/// Each committed fixture lowers to the layer counts, shapes, params and gradient paths
/// derived by hand below. Path lengths count weighted layers from the loss to the layer,
/// the layer included; params are weights + bias (or + BN scale and shift when BN folds in,
/// which replaces the bias).
struct ONNXFixtureTests {
    private func check(_ file: String, nodes: Int, params: Int, warnings: [DiagnosticCode] = [], _ expected: [ExpectedLayer]) throws -> Graph {
        let (graph, diagnostics) = ONNXFixtures.read(file)
        #expect(diagnostics.map(\.code) == warnings, "\(diagnostics.map(\.message))")
        let lowered = try #require(graph, "\(file): \(diagnostics.map(\.message))")
        #expect(lowered.nodes.count == nodes, "\(file): \(lowered.nodes.map(\.name))")
        #expect(MeasuredLayer.of(lowered) == expected.map(MeasuredLayer.init), "\(file)")
        #expect(CostPass().run(on: lowered).params == params, "\(file)")
        return lowered
    }

    @Test("ResNet-style with Sum residuals: Conv+BN+Relu fold into one layer, projection shortcut, Gemm head")
    func resnet() throws {
        // Shortest/longest: head.fc 1. block2.conv2 and block2.down feed the last Sum: 2.
        // block2.conv1 → conv2: 3. block1's output reaches the head through `down` (2) or
        // conv1→conv2 (3), so block1.conv2 is 3..4 and block1.conv1 4..5. The stem reaches
        // block1's output directly through the Sum (+0) or via conv1, conv2 (+2): 3..6.
        // Params (3x3 conv = out·in·9, + 2·out for the folded BN): stem 16·3·9+32 = 464,
        // block1 convs 16·16·9+32 = 2336, block2.conv1 32·16·9+64 = 4672, block2.conv2
        // 32·32·9+64 = 9280, down 32·16+64 = 576, fc 32·10+10 = 330; total 19,994.
        // Nodes: input, 7 layers, 2 sums, 2 relus after them, GAP, loss = 14 (Flatten and
        // Dropout are aliases, BN and the other Relus fold).
        let graph = try check("resnet_sum.onnx", nodes: 14, params: 19_994, [
            ExpectedLayer("stem.conv", "16x32x32", params: 464, paths: 3...6),
            ExpectedLayer("block1.conv1", "16x32x32", params: 2336, paths: 4...5),
            ExpectedLayer("block1.conv2", "16x32x32", params: 2336, paths: 3...4),
            ExpectedLayer("block2.conv1", "32x16x16", params: 4672, paths: 3...3),
            ExpectedLayer("block2.down", "32x16x16", params: 576, paths: 2...2),
            ExpectedLayer("block2.conv2", "32x16x16", params: 9280, paths: 2...2),
            ExpectedLayer("head.fc", "10x1x1", params: 330, paths: 1...1),
        ])
        guard case .convolution(let stem)? = graph.node(named: "stem.conv")?.op else {
            Issue.record("stem.conv is not a convolution")
            return
        }
        #expect(stem.normalized && stem.activation == .relu && stem.padding == 1)
        #expect(graph.node(named: "block1.sum")?.op == .add)
        #expect(graph.node(named: "loss:logits")?.op == .loss(.generic))
        #expect(graph.inputs.map(\.name) == ["image"])
    }

    @Test("DenseNet-style concat net: MatMul + bias Add fold into one linear layer")
    func densenet() throws {
        // Every d_i reads the concat of the input and all earlier d's; cat3 → transition → fc.
        // fc 1, transition 2, d3 3. d2 reaches cat3 directly (3) or through d3 (4). d1 reaches
        // cat3 directly (3), through d3 (4) and through d2 (4 or 5): 3..5.
        // Params: d1 4·8·9+4 = 292, d2 4·12·9+4 = 436, d3 4·16·9+4 = 580, transition 10·20 =
        // 200, fc 10·5+5 = 55 (the Add's bias folded in); total 1,563.
        // Nodes: input, 3 convs, cat1..cat3, transition, pool, gap, fc, loss = 12.
        let graph = try check("densenet_concat.onnx", nodes: 12, params: 1563, [
            ExpectedLayer("d1", "4x16x16", params: 292, paths: 3...5),
            ExpectedLayer("d2", "4x16x16", params: 436, paths: 3...4),
            ExpectedLayer("d3", "4x16x16", params: 580, paths: 3...3),
            ExpectedLayer("transition", "10x16x16", params: 200, paths: 2...2),
            ExpectedLayer("fc", "5x1x1", params: 55, paths: 1...1),
        ])
        #expect(graph.node(named: "cat3")?.channels == 20)
        #expect(graph.node(named: "pool")?.shapeDescription == "10x8x8")
        #expect(graph.node(named: "fc")?.op == .linear(Linear(bias: true)))
    }

    @Test("C2f/CSP-style net: Split and Slice in every opset form give the same graph", arguments: [9, 13, 18])
    func csp(opset: Int) throws {
        // cv1 (32 ch) splits into a = [0:16] and b = [16:32]; b → m0.cv1 → m0.cv2, added back to
        // b; concat(a, b, m0.add) → cv2; cv2's channels [0:16] go straight to the head concat,
        // [16:32] through p.cv. head 1; p.cv 2; cv2 2..3 (two units); m0.cv2 3..4; m0.cv1
        // 4..5; cv1's half a 3..4 and half b 3..6 (through the bottleneck): 3..6; cv0 4..7.
        // Params (no bias except head, SiLU folded): cv0 16·3·9 = 432, cv1 32·16 = 512,
        // m0.cv1 = m0.cv2 = p.cv = 16·16·9 = 2304, cv2 32·48 = 1536, head 8·32+8 = 264; 9,656.
        // Nodes: input, 7 convs, m0.add, cat, cat2, loss = 12 (Split and Slice are edge ranges).
        let graph = try check("csp_opset\(opset).onnx", nodes: 12, params: 9656, [
            ExpectedLayer("cv0", "16x16x16", params: 432, paths: 4...7),
            ExpectedLayer("cv1", "32x16x16", params: 512, paths: 3...6),
            ExpectedLayer("m0.cv1", "16x16x16", params: 2304, paths: 4...5),
            ExpectedLayer("m0.cv2", "16x16x16", params: 2304, paths: 3...4),
            ExpectedLayer("cv2", "32x16x16", params: 1536, paths: 2...3),
            ExpectedLayer("p.cv", "16x16x16", params: 2304, paths: 2...2),
            ExpectedLayer("head", "8x16x16", params: 264, paths: 1...1),
        ])
        let cv1 = try #require(graph.node(named: "cv1"))
        let cat = try #require(graph.node(named: "cat"))
        #expect(cat.inputs.map(\.sourceRange) == [ChannelRange(0, 16), ChannelRange(16, 32), ChannelRange(0, 16)])
        #expect(cat.inputs.prefix(2).allSatisfy { $0.source == cv1.id })
        let cat2 = try #require(graph.node(named: "cat2"))
        #expect(cat2.inputs.first?.sourceRange == ChannelRange(0, 16))
        #expect(graph.node(named: "p.cv")?.inputs.first?.sourceRange == ChannelRange(16, 32))
        if case .convolution(let c)? = graph.node(named: "cv0")?.op {
            #expect(c.activation == .silu, "Sigmoid + Mul fold into SiLU")
        }
        let paths = GradientPathPass().run(on: graph)
        let units = paths.layers.first { $0.name == "cv1" }?.runs.map { "\($0.range) \($0.shortest)..\($0.longest)" }
        #expect(units == ["[0:16] 3..4", "[16:32] 3..6"])
    }

    @Test("IR 3 with weights listed as graph inputs: one data input, weights from initializers")
    func ir3() throws {
        // conv1 → pool → conv2 → GAP → fc: one path; fc 1, conv2 2, conv1 3.
        // Params: conv1 8·3·9+8 = 224, conv2 8·8·9+8 = 584, fc 8·4+4 = 36; total 844.
        // Nodes: input, conv1, pool1, conv2, gap, fc, loss = 7 (the Relus fold, weights are
        // not nodes).
        let graph = try check("ir3_inputs.onnx", nodes: 7, params: 844, [
            ExpectedLayer("conv1", "8x8x8", params: 224, paths: 3...3),
            ExpectedLayer("conv2", "8x4x4", params: 584, paths: 2...2),
            ExpectedLayer("fc", "4x1x1", params: 36, paths: 1...1),
        ])
        #expect(graph.inputs.map(\.name) == ["input"])
    }

    @Test("weights as ConstantOfShape outputs (int64 shapes decoded from raw_data); Reshape target from a Constant")
    func constantOfShape() throws {
        // The same network as ir3_inputs.onnx, so the same numbers.
        _ = try check("constant_of_shape.onnx", nodes: 7, params: 844, [
            ExpectedLayer("conv1", "8x8x8", params: 224, paths: 3...3),
            ExpectedLayer("conv2", "8x4x4", params: 584, paths: 2...2),
            ExpectedLayer("fc", "4x1x1", params: 36, paths: 1...1),
        ])
    }

    @Test("external data whose payload file is absent: dims suffice")
    func externalData() throws {
        // conv 4·3·9+4 = 112, fc 4·2+2 = 10; fc 1, conv 2. Nodes: input, conv, gap, fc, loss.
        _ = try check("external_data.onnx", nodes: 5, params: 122, [
            ExpectedLayer("conv", "4x16x16", params: 112, paths: 2...2),
            ExpectedLayer("fc", "2x1x1", params: 10, paths: 1...1),
        ])
    }

    @Test("Inception-style per-axis windows: 1x7 and 7x1 convolutions, 1x3 and 1x2 pools, a 3x1 convolution with stride 2x1")
    func inceptionFactorised() throws {
        // image 8x17x17. a.1x7 (pads 0,3) and a.7x1 (pads 3,0) keep 17x17: 8·8·7 = 448 params
        // each. b.pool 1x3 (pads 0,1) keeps 17x17; b.1x1 8→4: 32. cat 12 channels; reduce 3x1
        // stride 2x1, no padding: H (17 − 3)/2 + 1 = 8, W 17, 6·12·3 = 216; pool 1x2 stride 1x2:
        // W (17 − 2)/2 + 1 = 8; fc 3·6 + 3 = 21. Total 1,165.
        // Paths: fc 1, reduce 2, a.7x1 and b.1x1 3, a.1x7 4.
        // Nodes: input, a.1x7, a.7x1, b.pool, b.1x1, cat, reduce, pool, gap, fc, loss = 11.
        let graph = try check("inception_factorised.onnx", nodes: 11, params: 1165, [
            ExpectedLayer("a.1x7", "8x17x17", params: 448, paths: 4...4),
            ExpectedLayer("a.7x1", "8x17x17", params: 448, paths: 3...3),
            ExpectedLayer("b.1x1", "4x17x17", params: 32, paths: 3...3),
            ExpectedLayer("reduce", "6x8x17", params: 216, paths: 2...2),
            ExpectedLayer("fc", "3x1x1", params: 21, paths: 1...1),
        ])
        guard case .convolution(let first)? = graph.node(named: "a.1x7")?.op,
              case .convolution(let reduce)? = graph.node(named: "reduce")?.op else {
            Issue.record("a.1x7 and reduce must be convolutions")
            return
        }
        #expect(first.kernel == AxisPair(height: 1, width: 7) && first.padding == AxisPair(height: 0, width: 3))
        #expect(reduce.kernel == AxisPair(height: 3, width: 1) && reduce.stride == AxisPair(height: 2, width: 1) && reduce.padding == 0)
        #expect(graph.node(named: "pool")?.op == .passThrough(.maxPool(Pooling(kernel: AxisPair(height: 1, width: 2)))))
        #expect(graph.node(named: "pool")?.shapeDescription == "6x8x8")
    }

    @Test("Focus slices, folded Pad, grouped conv, channel shuffle, SE broadcast, Resize, ConvTranspose")
    func mobileFeatures() throws {
        // stem reads a Pad(1) of the 12-channel Focus concat (16x16): 3x3 VALID → 16x16.
        // dw (groups 4) → shuffle → SE scale; the SE branch (ReduceMean → fc1 → fc2 → Sigmoid)
        // multiplies back; Resize ×2 → up (ConvTranspose k2 s2: 32x32 → 64x64) → head.
        // head 1, up 2, se.fc2 3, se.fc1 4; dw reaches se.scale directly (3) or through the SE
        // branch (5); stem 4..6.
        // Params: stem 16·12·9 = 1728, dw 16·4·9 = 576, fc1 4·16+4 = 68, fc2 16·4+16 = 80,
        // up 16·8·4 = 512, head 2·8 = 16; total 2,980.
        // Nodes: input, 4 Focus max-pools, focus.cat, stem (+HardSwish), dw (+Relu), the
        // shuffle concat, se.pool, se.fc1 (+Relu), se.fc2 (+Sigmoid), the broadcast upsample,
        // se.scale, resize, up, up/upsample, head, loss = 19.
        // Focus's slices starting at 1 (x[1::2]) are max-pools starting at 0: one W232 names them.
        let graph = try check("mobile_features.onnx", nodes: 19, params: 2980, warnings: [.approximateImport], [
            ExpectedLayer("stem", "16x16x16", params: 1728, paths: 4...6),
            ExpectedLayer("dw", "16x16x16", params: 576, paths: 3...5),
            ExpectedLayer("se.fc1", "4x1x1", params: 68, paths: 4...4),
            ExpectedLayer("se.fc2", "16x1x1", params: 80, paths: 3...3),
            ExpectedLayer("up", "8x32x32", params: 512, paths: 2...2),
            ExpectedLayer("head", "2x64x64", params: 16, paths: 1...1),
        ])
        // Focus: each pair of one-axis strided Slices becomes one 1x1 max-pool of stride 2.
        #expect(graph.node(named: "focus.w0")?.op == .passThrough(.maxPool(Pooling(kernel: 1, stride: 2))))
        #expect(graph.node(named: "focus.h0") == nil)
        #expect(graph.node(named: "focus.cat")?.shapeDescription == "12x16x16")
        // The shuffle: output channel j = b·4 + a reads dw channel a·4 + b.
        let shuffle = try #require(graph.node(named: "shuffle.reshape2"))
        let dw = try #require(graph.node(named: "dw"))
        #expect(shuffle.op == .concat)
        #expect(shuffle.inputs.allSatisfy { $0.source == dw.id && $0.width == 1 })
        #expect(shuffle.inputs.map(\.sourceRange.lower) == [0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15])
        // SE: the 16x1x1 gate is broadcast over 16x16 by a nearest upsample, then multiplied.
        #expect(graph.node(named: "se.scale/broadcast1")?.op == .passThrough(.upsample(scale: 16)))
        #expect(graph.node(named: "se.scale")?.op == .add)
        #expect(graph.node(named: "resize")?.op == .passThrough(.upsample(scale: 2)))
        #expect(graph.node(named: "up/upsample")?.shapeDescription == "8x64x64")
        if case .convolution(let stem)? = graph.node(named: "stem")?.op {
            #expect(stem.padding == 1 && stem.activation == .hardSwish)
        }
    }

    @Test("--loss moves the loss: later layers become unreachable, names resolve by tensor or node")
    func losses() throws {
        // A loss on block1's output: block2 and the head get no gradient; the stem is 1
        // (through the Sum) or 3 (through block1's convs).
        for loss in ["block1.relu", "block1.relu.out"] {
            let (graph, diagnostics) = ONNXFixtures.read("resnet_sum.onnx", losses: [loss])
            let lowered = try #require(graph, "\(diagnostics.map(\.message))")
            let paths = GradientPathPass().run(on: lowered)
            let byName = Dictionary(uniqueKeysWithValues: paths.layers.map { ($0.name, $0) })
            #expect(byName["stem.conv"]?.shortest == 1 && byName["stem.conv"]?.longest == 3)
            #expect(byName["head.fc"]?.shortest == nil)
            #expect(lowered.losses.map(\.name) == ["loss:block1.relu.out"])
        }
        let (graph, diagnostics) = ONNXFixtures.read("resnet_sum.onnx", losses: ["block1.rlu"])
        #expect(graph == nil)
        #expect(diagnostics.first?.code == .unknownName)
        #expect(diagnostics.first?.helps.first?.contains("block1.relu") == true)
    }

    @Test("the bundled examples read and analyse", arguments: ["c2f.onnx", "resnet_sum.onnx"])
    func examples(name: String) throws {
        let url = RepositoryPaths.root.appendingPathComponent("examples/onnx/\(name)")
        let (graph, diagnostics) = ONNXReader.read(try Data(contentsOf: url), name: "examples/onnx/\(name)")
        #expect(diagnostics.isEmpty)
        #expect(graph.map { GradientPathPass().run(on: $0).unreachableLayers.isEmpty } == true)
    }
}
