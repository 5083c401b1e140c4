import Foundation
import GPathIR
@testable import GPathRuntime
import Testing

/// Forward values of the attention and token kernels against hand computations (their
/// gradients are checked by the op table), and the attention family network's determinism
/// across worker counts.
@Suite("attention and token kernels")
struct AttentionKernelTests {
    static func context(_ store: ParameterStore = ParameterStore()) -> KernelContext {
        KernelContext(mode: .training, parameters: store, workspace: Workspace(), randomSeed: 0, parallelism: .serial)
    }

    static func expectClose(_ got: [Float], _ expected: [Float], tolerance: Float = 1e-5, _ what: String) {
        #expect(got.count == expected.count, "\(what): \(got)")
        for (g, e) in zip(got, expected) where abs(g - e) > tolerance {
            Issue.record("\(what): \(got), expected \(expected)")
            return
        }
    }

    // a as positions × channels is [[1, 2], [3, 4]] (2 positions, K = 2 channels): stored
    // channel-major, channel 0 = [1, 3], channel 1 = [2, 4].
    static let a = Tensor(shape: TensorShape(batch: 1, channels: 2, height: 1, width: 2), storage: [1, 3, 2, 4])

    @Test("matmul a·b: a 2×2 product by hand")
    func product() {
        // b as positions × channels is [[5, 6], [7, 8]] (K = 2 positions, N = 2 channels).
        let b = Tensor(shape: TensorShape(batch: 1, channels: 2, height: 2, width: 1), storage: [5, 7, 6, 8])
        let y = MatrixMultiplication.forward(Self.a, b, product: MatrixProduct())
        // [[1, 2], [3, 4]]·[[5, 6], [7, 8]] = [[19, 22], [43, 50]], channel-major.
        #expect(y.shape == TensorShape(batch: 1, channels: 2, height: 1, width: 2))
        Self.expectClose(y.storage, [19, 43, 22, 50], "a·b")
    }

    @Test("sampled product: b read at K evenly spaced positions, weighted by a, by hand")
    func sampledProduct() {
        // a: K = 2 channels on 2 positions (channel 0 = [1, 3], channel 1 = [2, 4]); b: one
        // channel on M = 4 positions [10, 20, 30, 40]; loc(k) = ⌊k·4/2⌋ = 0, 2.
        let b = Tensor(shape: TensorShape(batch: 1, channels: 1, height: 4, width: 1), storage: [10, 20, 30, 40])
        let y = MatrixMultiplication.forward(Self.a, b, product: MatrixProduct(samplesSecond: true))
        // position 0: 1·10 + 2·30 = 70; position 1: 3·10 + 4·30 = 150.
        #expect(y.shape == TensorShape(batch: 1, channels: 1, height: 1, width: 2))
        #expect(y.storage == [70, 150])
        let (da, db) = MatrixMultiplication.backward(Self.a, b, outputGradient: Tensor(shape: y.shape, storage: [1, 1]), product: MatrixProduct(samplesSecond: true))
        #expect(da.storage == [10, 10, 30, 30])
        #expect(db.storage == [4, 0, 6, 0])
    }

    @Test("matmul a·bᵀ/√K: scores of queries against keys by hand")
    func transposedProduct() {
        // b: K = 2 channels on 3 positions (keys) [[5, 6], [7, 8], [1, 0]] as positions × channels.
        let b = Tensor(shape: TensorShape(batch: 1, channels: 2, height: 3, width: 1), storage: [5, 7, 1, 6, 8, 0])
        let y = MatrixMultiplication.forward(Self.a, b, product: MatrixProduct(transposesSecond: true, scaled: true))
        // A·Bᵀ = [[17, 23, 1], [39, 53, 3]] (queries × keys); out channel m = key m, on a's map.
        #expect(y.shape == TensorShape(batch: 1, channels: 3, height: 1, width: 2))
        let r = 1 / Float(2).squareRoot()
        Self.expectClose(y.storage, [17 * r, 39 * r, 23 * r, 53 * r, 1 * r, 3 * r], "a·bᵀ/√2")
    }

    @Test("softmax over channels and over positions")
    func softmax() {
        // Channel 0 = [0, 1], channel 1 = [ln 3, 1] on two positions.
        let x = Tensor(shape: TensorShape(batch: 1, channels: 2, height: 1, width: 2), storage: [0, 1, log(3), 1])
        Self.expectClose(Softmax.forward(x, axis: .channels).storage, [0.25, 0.5, 0.75, 0.5], "over channels")
        let e = Float(M_E)
        Self.expectClose(Softmax.forward(x, axis: .positions).storage, [1 / (1 + e), e / (1 + e), 3 / (3 + e), e / (3 + e)], "over positions")
    }

    @Test("layer norm: mean 0 and variance 1 over the channels at each position")
    func layerNorm() {
        // Position 0 holds 1, 2, 3, 4 over the channels; position 1 holds 10, −10, 0, 4.
        let x = Tensor(shape: TensorShape(batch: 1, channels: 4, height: 2, width: 1), storage: [1, 10, 2, -10, 3, 0, 4, 4])
        let y = LayerNormalization.forward(x, scale: [1, 1, 1, 1], shift: [0, 0, 0, 0]).output
        for p in 0..<2 {
            let column = (0..<4).map { Double(y.storage[$0 * 2 + p]) }
            let mean = column.reduce(0, +) / 4
            let variance = column.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 4
            #expect(abs(mean) < 1e-6 && abs(variance - 1) < 1e-4, "position \(p): mean \(mean), variance \(variance)")
        }
        // Mean 2.5, variance 1.25: (x − 2.5)/√1.25.
        let d = Float(1.25 + 1e-5).squareRoot()
        Self.expectClose((0..<4).map { y.storage[$0 * 2] }, [-1.5 / d, -0.5 / d, 0.5 / d, 1.5 / d], "position 0")
        let shifted = LayerNormalization.forward(x, scale: [2, 2, 2, 2], shift: [1, 1, 1, 1]).output
        Self.expectClose(shifted.storage, y.storage.map { 2 * $0 + 1 }, tolerance: 1e-5, "γ = 2, β = 1")
    }

    @Test("group norm: each group normalised over its channels and positions")
    func groupNorm() {
        // Group 0 (channels 0, 1) holds 1, 2 | 3, 4; group 1 holds 10, 10 | 10, 14.
        let x = Tensor(shape: TensorShape(batch: 1, channels: 4, height: 1, width: 2), storage: [1, 2, 3, 4, 10, 10, 10, 14])
        let y = GroupNormalization.forward(x, groups: 2, scale: [1, 1, 1, 1], shift: [0, 0, 0, 0]).output
        let d0 = Float(1.25 + 1e-5).squareRoot()
        let d1 = Float(3 + 1e-5).squareRoot()
        Self.expectClose(y.storage, [-1.5 / d0, -0.5 / d0, 0.5 / d0, 1.5 / d0, -1 / d1, -1 / d1, -1 / d1, 3 / d1], "two groups")
    }

    @Test("transpose: C×H×W becomes (H·W)×C×1")
    func transpose() {
        let x = Tensor(shape: TensorShape(batch: 1, channels: 2, height: 1, width: 3), storage: [1, 2, 3, 4, 5, 6])
        let y = Transposition.forward(x)
        #expect(y.shape == TensorShape(batch: 1, channels: 3, height: 2, width: 1))
        #expect(y.storage == [1, 4, 2, 5, 3, 6])
        #expect(Transposition.backward(outputGradient: y, inputShape: x.shape) == x)
    }

    @Test("reshape keeps the values and regroups the positions")
    func reshape() {
        let kernel = ReshapeKernel(target: Spatial(height: 6, width: 1))
        let x = Tensor(shape: TensorShape(batch: 2, channels: 1, height: 2, width: 3), storage: (0..<12).map(Float.init))
        let y = kernel.forward(x, context: Self.context())
        #expect(y.shape == TensorShape(batch: 2, channels: 1, height: 6, width: 1) && y.storage == x.storage)
        #expect(kernel.backward(y, needsInputGradient: true, context: Self.context()) == x)
    }

    @Test("token concat joins positions; token slice takes a range of them")
    func tokens() {
        // A class token (2 channels, 1×1) before 2×1 patch tokens.
        let cls = Tensor(shape: TensorShape(batch: 1, channels: 2, height: 1, width: 1), storage: [7, 8])
        let patches = Tensor(shape: TensorShape(batch: 1, channels: 2, height: 2, width: 1), storage: [1, 2, 3, 4])
        let joined = TokenConcatenation.forward([cls, patches])
        #expect(joined.shape == TensorShape(batch: 1, channels: 2, height: 3, width: 1))
        #expect(joined.storage == [7, 1, 2, 8, 3, 4])
        #expect(TokenConcatenation.backward(outputGradient: joined, operandShapes: [cls.shape, patches.shape]) == [cls, patches])
        let sliced = TokenSlicing.forward(joined, lower: 1, upper: 3)
        #expect(sliced.shape == patches.shape && sliced == patches)
        #expect(TokenSlicing.backward(outputGradient: sliced, lower: 1, inputShape: joined.shape).storage == [0, 1, 2, 0, 3, 4])
    }

    @Test("a learned tensor is broadcast over the batch; its gradient is the batch's sum")
    func learned() {
        let store = ParameterStore()
        let index = store.add(Parameter(name: "t.value", node: NodeID(0), role: .learned, fanIn: 1, value: [1, 2, 3]))
        let kernel = LearnedTensorKernel(value: index, shape: TensorShape(batch: 1, channels: 3))
        let y = kernel.forward([], batch: 2, context: Self.context(store))
        #expect(y.shape == TensorShape(batch: 2, channels: 3) && y.storage == [1, 2, 3, 1, 2, 3])
        let dy = Tensor(shape: y.shape, storage: [1, 0, 2, 10, 20, 30])
        #expect(kernel.backward(dy, needsGradients: [], context: Self.context(store)).isEmpty)
        #expect(store.parameters[index].gradient == [11, 20, 32])
    }

    @Test("learned tensors start N(0, 0.02²), seeded")
    func learnedInitialisation() throws {
        var b = GraphBuilder(name: "init")
        b.addNode("x", op: .input, channels: 4, spatial: Spatial(height: 65, width: 1))
        b.addNode("position", op: .learned(.dense), channels: 64, spatial: Spatial(height: 65, width: 1))
        b.addNode("loss", op: .loss(.crossEntropy))
        b.connect("x", to: "loss")
        b.connect("position", to: "loss")
        let graph = try #require(b.build().graph)
        let values = try Network(graph: graph, initialization: Initialization(seed: 5)).parameters.parameters[0].value
        let deviation = (values.map { Double($0) * Double($0) }.reduce(0, +) / Double(values.count)).squareRoot()
        #expect(values.count == 64 * 65 && abs(deviation - 0.02) < 0.001, "σ \(deviation)")
        #expect(try Network(graph: graph, initialization: Initialization(seed: 5)).parameters.parameters[0].value == values)
    }

    @Test("scale multiplies each channel by its own factor")
    func scale() {
        let store = ParameterStore()
        let index = store.add(Parameter(name: "s.scale", node: NodeID(0), role: .scale, fanIn: 1, value: [2, -1]))
        let kernel = ChannelScaleKernel(scale: index)
        let x = Tensor(shape: TensorShape(batch: 1, channels: 2, height: 1, width: 2), storage: [1, 2, 3, 4])
        #expect(kernel.forward(x, context: Self.context(store)).storage == [2, 4, -3, -4])
    }

    @Test("the parallel kernels give the same values on 1 and 3 workers (per sample, vector or channel)")
    func workers() {
        let x = OpCheck.tensor(TensorShape(batch: 5, channels: 6, height: 3, width: 4), seed: 21)
        let dy = OpCheck.tensor(x.shape, seed: 22)
        let keys = OpCheck.tensor(TensorShape(batch: 5, channels: 6, height: 2, width: 4), seed: 23)
        let (scale, shift) = ((0..<6).map { 1 + Float($0) / 10 }, (0..<6).map { Float($0) / 10 })
        func run(_ p: Parallelism) -> [[Float]] {
            let product = MatrixProduct(transposesSecond: true, scaled: true)
            let scores = MatrixMultiplication.forward(x, keys, product: product, parallelism: p)
            let (da, db) = MatrixMultiplication.backward(x, keys, outputGradient: scores, product: product, parallelism: p)
            let weights = Softmax.forward(scores, axis: .channels, parallelism: p)
            let layer = LayerNormalization.forward(x, scale: scale, shift: shift, parallelism: p)
            let layerBack = LayerNormalization.backward(
                normalized: layer.normalized, inverseDeviation: layer.inverseDeviation, outputGradient: dy, scale: scale,
                needsInputGradient: true, parallelism: p)
            let group = GroupNormalization.forward(x, groups: 3, scale: scale, shift: shift, parallelism: p)
            let groupBack = GroupNormalization.backward(
                normalized: group.normalized, inverseDeviation: group.inverseDeviation, outputGradient: dy, groups: 3, scale: scale,
                needsInputGradient: true, parallelism: p)
            return [scores.storage, da.storage, db.storage, weights.storage,
                    Softmax.backward(output: weights, outputGradient: scores, axis: .positions, parallelism: p).storage,
                    layer.output.storage, layerBack.input!.storage, layerBack.scale, layerBack.shift,
                    group.output.storage, groupBack.input!.storage, groupBack.scale]
        }
        #expect(run(.serial) == run(Parallelism(workers: 3)))
    }

    @Test("the attention network is bit-identical run to run on 2 workers")
    func repeatable() throws {
        let graph = try FamilyNetworks.graph("attention")
        let (x, labels) = FamilyNetworks.batch(4, seed: 11)
        var results: [[[Float]]] = []
        for _ in 0..<2 {
            let network = try Network(graph: graph, initialization: Initialization(seed: 3))
            network.workers = 2
            try network.forward([x], labels: labels, mode: .training)
            network.backward()
            results.append(network.parameters.parameters.map(\.gradient) + [[Float(network.totalLoss)]])
        }
        #expect(results[0] == results[1])
    }
}
