import Foundation
import GPathAnalysis
import GPathDiagnostics
import GPathFormats
import GPathIR
import GPathTestSupport
import Testing

/// What the attention-era patterns of the model fixtures become, checked at their boundaries:
/// the node, its op and its `channels x height x width` (docs/onnx-model-fixtures.md lists the
/// ONNX side of each).
struct ONNXAttentionTests {
    private func node(_ graph: Graph, _ name: String) throws -> Node {
        try #require(graph.node(named: name), "no node `\(name)`")
    }

    @Test("a two-head ViT block: every new pattern on numbers derived by hand")
    func tinyVit() throws {
        // Paths: head 1; fc2 → residual2 → readout → head: 2; fc1 3. proj reaches the head
        // through residual1 (2) or through ln2, fc1, fc2 (4); qkv one more: 3..5. The patch
        // conv reaches residual1 directly (2) or through qkv and proj, then the MLP (6).
        // Params: patch 8·3·16+8 = 392, class token 8, positional embedding 5·8 = 40, two
        // LayerNorms 2·16, qkv 8·24+24 = 216, proj 8·8+8 = 72, fc1 8·16+16 = 144, fc2
        // 16·8+8 = 136, head 8·10+10 = 90; total 1,130.
        let (graph, diagnostics) = ONNXFixtures.read("tiny_vit.onnx")
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        let lowered = try #require(graph)
        #expect(MeasuredLayer.of(lowered) == [
            ExpectedLayer("patch", "8x2x2", params: 392, paths: 2...6),
            ExpectedLayer("qkv", "24x5x1", params: 216, paths: 3...5),
            ExpectedLayer("proj", "8x5x1", params: 72, paths: 2...4),
            ExpectedLayer("fc1", "16x5x1", params: 144, paths: 3...3),
            ExpectedLayer("fc2", "8x5x1", params: 136, paths: 2...2),
            ExpectedLayer("head", "10x1x1", params: 90, paths: 1...1),
        ].map(MeasuredLayer.init))
        #expect(CostPass().run(on: lowered).params == 1130)
        // Nodes: image, class token, positional embedding, 6 layers, the token column, the
        // token concat, the embedding add, 2 layernorms, 2 × (scores, softmax, mix), 2
        // residual adds, the readout, the loss = 24 (Reshape, Transpose, Gather of q/k/v,
        // Expand and the GELU's Div/Erf/Add/Mul are no nodes).
        #expect(lowered.nodes.count == 24)
        #expect(try node(lowered, "scores/h1").inputs.map(\.sourceRange) == [ChannelRange(4, 8), ChannelRange(12, 16)])
        #expect(try node(lowered, "mix/h0").inputs.last?.sourceRange == ChannelRange(16, 20))
        #expect(try node(lowered, "readout").op == .tokenSlice(lower: 0, upper: 1))
    }

    @Test("random byte corruption of an attention model is reported, never a crash (seeded)")
    func randomCorruption() {
        let original = [UInt8](ONNXFixtures.bytes("tiny_vit.onnx"))
        var generator = SeededGenerator(seed: 13)
        for trial in 0..<300 {
            var bytes = original
            for _ in 0..<3 {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                bytes[index] = UInt8.random(in: 0...255, using: &generator)
            }
            let (graph, diagnostics) = ONNXReader.read(bytes, name: "fuzz.onnx")
            #expect(graph != nil || diagnostics.containsError, "trial \(trial) (seed 13)")
        }
    }

    @Test("ViT: class token and positional embedding are learned, heads stay apart, the readout is a token slice")
    func vit() throws {
        let graph = try ONNXModelFixtureTests.read("vit_b_16")
        let cost = CostPass().run(on: graph)
        let token = try node(graph, "class_token")
        #expect(token.op == .learned(.dense) && token.shapeDescription == "768x1x1" && cost[token.id].params == 768)
        let position = try node(graph, "encoder.pos_embedding")
        #expect(position.op == .learned(.dense) && cost[position.id].params == 197 * 768)
        #expect(try node(graph, "/Concat").op == .tokenConcat)
        #expect(try node(graph, "/Concat").shapeDescription == "768x197x1")
        let block = "/encoder/layers/encoder_layer_0"
        #expect(try node(graph, "\(block)/ln_1/LayerNormalization").op == .layerNorm)
        // The fused q/k/v projection is a token-wise 1x1 conv; head 3's scores read q and k
        // channels 192..<256 and 960..<1024 of it, and have one channel per key token.
        let qkv = try node(graph, "\(block)/self_attention/MatMul")
        #expect(qkv.shapeDescription == "2304x197x1")
        let scores = try node(graph, "\(block)/self_attention/MatMul_1/h3")
        #expect(scores.op == .matmul(MatrixProduct(transposesSecond: true)) && scores.shapeDescription == "197x197x1")
        #expect(scores.inputs.map(\.sourceRange) == [ChannelRange(192, 256), ChannelRange(960, 1024)])
        #expect(try node(graph, "\(block)/self_attention/Softmax/h3").op == .softmax(.channels))
        let values = try node(graph, "\(block)/self_attention/MatMul_2/h11")
        #expect(values.shapeDescription == "64x197x1" && values.inputs.last?.sourceRange == ChannelRange(2240, 2304))
        let projection = try node(graph, "\(block)/self_attention/Gemm")
        #expect(projection.inputs.count == 12 && projection.shapeDescription == "768x197x1")
        guard case .convolution(let mlp) = try node(graph, "\(block)/mlp/mlp.0/MatMul").op else {
            Issue.record("mlp.0 is not a convolution")
            return
        }
        #expect(mlp.activation == .gelu && mlp.bias, "Erf GELU and the bias Add fold into the layer")
        let readout = try node(graph, "/Gather")
        #expect(readout.op == .tokenSlice(lower: 0, upper: 1) && readout.shapeDescription == "768x1x1")
    }

    @Test("ViT at opset 15: the written-out LayerNorm is one layernorm node, the graph otherwise the same")
    func vitDecomposed() throws {
        let fused = try ONNXModelFixtureTests.read("vit_b_16")
        let decomposed = try ONNXModelFixtureTests.read("vit_b_16_ln_decomposed")
        let norm = try node(decomposed, "/encoder/layers/encoder_layer_0/ln_1/Add_1")
        #expect(norm.op == .layerNorm && norm.shapeDescription == "768x197x1")
        #expect(decomposed.nodes.count == fused.nodes.count)
        #expect(decomposed.nodes.map(\.op) == fused.nodes.map(\.op))
    }

    @Test("Swin: one product per window and head, the relative-position bias learned, patch merging a channel concat")
    func swin() throws {
        let graph = try ONNXModelFixtureTests.read("swin_t")
        let attention = "/features/features.1/features.1.1/attn"
        // 64 windows of 49 tokens, 3 heads of 32 channels.
        let scores = try node(graph, "\(attention)/MatMul_1/b63h2")
        #expect(scores.shapeDescription == "49x49x1")
        let window = try node(graph, "\(attention)/MatMul_1/tokens63")
        #expect(window.op == .tokenSlice(lower: 63 * 49, upper: 64 * 49))
        #expect(graph.node(named: "\(attention)/MatMul_1/b64h0") == nil)
        let bias = try node(graph, "\(attention)/Add_1/b0")
        let table = try #require(bias.inputs.last.map { graph[$0.source] })
        #expect(table.op == .learned(LearnedTable(entries: 169 * 3)) && table.shapeDescription == "147x49x1")
        #expect(CostPass().run(on: graph)[table.id].params == 169 * 3)
        #expect(try node(graph, "\(attention)/MatMul_3/join0").shapeDescription == "32x3136x1")
        // The shifted windows are a permutation of positions: re-based before the residual add.
        #expect(try node(graph, "/features/features.1/features.1.1/Add/positions").op == .reshape(Spatial(height: 56, width: 56)))
        let merge = try node(graph, "/features/features.2/Concat_3")
        #expect(merge.op == .concat && merge.shapeDescription == "384x28x28")
        #expect(try node(graph, "/features/features.2/norm/LayerNormalization").shapeDescription == "384x28x28")
    }

    @Test("ConvNeXt: LayerNorm between transposes over the channels, layer scale a scale node")
    func convnext() throws {
        let graph = try ONNXModelFixtureTests.read("convnext_tiny")
        let block = "/features/features.1/features.1.0"
        #expect(try node(graph, "\(block)/block/block.2/LayerNormalization").shapeDescription == "96x56x56")
        #expect(try node(graph, "\(block)/block/block.3/MatMul").shapeDescription == "384x56x56")
        let scale = try node(graph, "\(block)/Mul")
        #expect(scale.op == .scale && CostPass().run(on: graph)[scale.id].params == 96)
    }

    @Test("ultralytics Detect: levels joined along anchors, DFL softmax per side, the decode free", arguments: [("yolov8n", 22), ("yolo11n", 23)])
    func detect(model: String, row: Int) throws {
        let graph = try ONNXModelFixtureTests.read(model)
        let head = "/model.\(row)"
        let boxes = try node(graph, "\(head)/Concat")
        #expect(boxes.op == .tokenConcat && boxes.shapeDescription == "64x8400x1")
        for side in 0..<4 {
            let softmax = try node(graph, "\(head)/dfl/Softmax/h\(side)")
            #expect(softmax.inputs.map(\.sourceRange) == [ChannelRange(side * 16, side * 16 + 16)])
        }
        // The DFL conv reads the 16 bins with the 4 sides as positions.
        #expect(try node(graph, "\(head)/dfl/conv/Conv").shapeDescription == "1x33600x1")
        let output = try node(graph, "\(head)/Concat_3")
        #expect(output.op == .concat && output.shapeDescription == "84x8400x1")
        let layers = Set(graph.layers.map(\.name))
        let decode = graph.nodes.filter { $0.name.hasPrefix("\(head)/") && !$0.name.contains("cv2.") && !$0.name.contains("cv3.") }
        #expect(decode.filter { layers.contains($0.name) }.map(\.name) == ["\(head)/dfl/conv/Conv"])
    }

    @Test("YOLO11's C2PSA: per-head products on the 20x20 map, v·Aᵀ read as A·v")
    func c2psa() throws {
        let graph = try ONNXModelFixtureTests.read("yolo11n")
        let attention = "/model.10/m/m.0/attn"
        let scores = try node(graph, "\(attention)/MatMul/h1")
        #expect(scores.shapeDescription == "400x20x20")
        #expect(scores.inputs.map(\.sourceRange) == [ChannelRange(128, 160), ChannelRange(160, 192)])
        let values = try node(graph, "\(attention)/MatMul_1/h1")
        #expect(values.op == .matmul(MatrixProduct()) && values.shapeDescription == "64x20x20")
        #expect(values.inputs.last?.sourceRange == ChannelRange(192, 256))
    }

    @Test("still unsupported: one E230 listing every op type; forms that cannot be represented, one E230 per node")
    func unsupported() {
        let (graph, diagnostics) = ONNXFixtures.read("attention_unsupported.onnx")
        #expect(graph == nil)
        #expect(diagnostics.map(\.message) == ["unsupported ONNX operators: `Einsum` ×1, `Sqrt` ×1"])
        let (forms, errors) = ONNXFixtures.read("attention_forms.onnx")
        #expect(forms == nil)
        #expect(errors.map(\.code) == [.unsupportedOperator, .unsupportedOperator])
        #expect(errors.first?.message.hasPrefix("`ln` (node 2, LayerNormalization): normalises axes [1, 2]") == true)
        #expect(errors.last?.message.hasPrefix("`kv` (node 3, MatMul): multiplies [1, 8, 4] by [1, 4, 8]") == true)
    }
}
