import GPathIR
import GPathRuntime
import Testing

/// Every runtime op other than convolution: backward equals central finite differences with
/// the tolerance of `OpCheck.check` (h = 10⁻², rtol = 10⁻², atol = 10⁻³). Ops with kinks get
/// inputs at least 0.05 from the kink (ReLU-likes) or pairwise 0.05 apart (max pooling), so no
/// coordinate lies within ±h of a kink and none may be skipped as non-smooth.
@Suite("op gradients")
struct OpGradientTests {
    static let shape = TensorShape(batch: 2, channels: 3, height: 4, width: 5)

    static func expectPassed(_ report: GradientCheck.Report, _ what: String) {
        #expect(report.passed, "\(what): \(report)")
        #expect(report.nonSmooth == 0, "\(what): \(report)")
        #expect(report.checked > 0, "\(what): nothing checked")
    }

    @Test("activations", arguments: Activation.allCases)
    func activation(kind: Activation) {
        let x = OpCheck.tensor(Self.shape, seed: 1, margin: 0.05).reshaped(Self.shape)
        // ×4 covers the saturating ranges too; hardswish's kinks at ±3 are kept 0.1 away.
        let scaled = Tensor(shape: x.shape, storage: x.storage.map { v in
            let s = v * 4
            return abs(abs(s) - 3) < 0.1 ? s * 0.9 : s
        })
        let report = OpCheck.input(scaled, forward: { ActivationFunction.forward(kind, $0) }) {
            ActivationFunction.backward(kind, input: $0, outputGradient: $1)
        }
        Self.expectPassed(report, kind.rawValue)
    }

    @Test("batch norm in training mode: input, scale and shift")
    func batchNormTraining() {
        let x = OpCheck.tensor(Self.shape, seed: 2)
        let scale: [Float] = [1.5, -0.5, 0.8]
        let shift: [Float] = [0.1, 0.2, -0.3]
        func forward(_ x: Tensor, _ scale: [Float], _ shift: [Float]) -> Tensor {
            var running = BatchNormalization.RunningStatistics(channels: 3)
            return BatchNormalization.forwardTraining(x, scale: scale, shift: shift, running: &running).output
        }
        func gradients(_ dy: Tensor) -> (input: Tensor, scale: [Float], shift: [Float]) {
            var running = BatchNormalization.RunningStatistics(channels: 3)
            let stats = BatchNormalization.forwardTraining(x, scale: scale, shift: shift, running: &running).statistics
            return BatchNormalization.backward(x, outputGradient: dy, scale: scale, statistics: stats, trainingMode: true)
        }
        Self.expectPassed(OpCheck.input(x, forward: { forward($0, scale, shift) }) { _, dy in gradients(dy).input }, "input")
        Self.expectPassed(OpCheck.parameter(scale, forward: { forward(x, $0, shift) }) { gradients($0).scale }, "scale")
        Self.expectPassed(OpCheck.parameter(shift, forward: { forward(x, scale, $0) }) { gradients($0).shift }, "shift")
    }

    @Test("batch norm in inference mode uses running statistics as constants")
    func batchNormInference() {
        let x = OpCheck.tensor(Self.shape, seed: 3)
        let scale: [Float] = [1.5, -0.5, 0.8]
        let shift: [Float] = [0.1, 0.2, -0.3]
        let running = BatchNormalization.RunningStatistics(channels: 3)
        var moved = running
        moved.mean = [0.2, -0.1, 0.4]
        moved.variance = [0.5, 2, 1.2]
        let stats = BatchNormalization.inferenceStatistics(moved)
        let report = OpCheck.input(x, forward: { BatchNormalization.forwardInference($0, scale: scale, shift: shift, running: moved) }) { x, dy in
            BatchNormalization.backward(x, outputGradient: dy, scale: scale, statistics: stats, trainingMode: false).input
        }
        Self.expectPassed(report, "inference")
        let y = BatchNormalization.forwardInference(x, scale: scale, shift: shift, running: moved)
        let expected = (x[1, 2, 3, 4] - 0.4) / (1.2 + 1e-5).squareRoot() * 0.8 - 0.3
        #expect(abs(y[1, 2, 3, 4] - expected) < 1e-5)
    }

    @Test("batch-norm running statistics move toward the batch statistics")
    func runningStatistics() {
        let x = Tensor(shape: TensorShape(batch: 2, channels: 1, height: 1, width: 2), storage: [1, 2, 3, 4])
        var running = BatchNormalization.RunningStatistics(channels: 1)
        let (y, _) = BatchNormalization.forwardTraining(x, scale: [1], shift: [0], running: &running)
        #expect(abs(running.mean[0] - 0.25) < 1e-6)                     // 0.9·0 + 0.1·2.5
        #expect(abs(running.variance[0] - (0.9 + 0.1 * 5.0 / 3)) < 1e-6) // unbiased variance 5/3
        #expect(abs(y.storage.reduce(0, +)) < 1e-5)
    }

    static let poolings: [Pooling] = [
        Pooling(kernel: 2), Pooling(kernel: 3, stride: 2, padding: 1), Pooling(kernel: 3, stride: 1, padding: 1),
        Pooling(kernel: 7, stride: 2),   // larger than the 4×5 input: clipped to the whole plane
        // Per-axis windows, and darknet's uneven padding (none before, one after).
        Pooling(kernel: AxisPair(height: 1, width: 3), stride: AxisPair(height: 1, width: 2), padding: AxisPair(height: 0, width: 1)),
        Pooling(kernel: 2, stride: 1, padding: 0, trailingPadding: 1),
    ]

    @Test("max pooling", arguments: poolings.indices)
    func maxPool(index: Int) {
        let p = Self.poolings[index]
        let x = OpCheck.distinct(Self.shape, seed: 4)
        let report = OpCheck.input(x, forward: { MaxPooling.forward($0, pooling: p).output }) { x, dy in
            MaxPooling.backward(outputGradient: dy, winners: MaxPooling.forward(x, pooling: p).winners, inputShape: x.shape)
        }
        Self.expectPassed(report, "maxpool \(p)")
    }

    @Test("average pooling", arguments: poolings.indices)
    func averagePool(index: Int) {
        let p = Self.poolings[index]
        let x = OpCheck.tensor(Self.shape, seed: 5)
        let report = OpCheck.input(x, forward: { AveragePooling.forward($0, pooling: p) }) { x, dy in
            AveragePooling.backward(outputGradient: dy, pooling: p, inputShape: x.shape)
        }
        Self.expectPassed(report, "avgpool \(p)")
    }

    @Test("pooling values on a known plane")
    func poolingValues() {
        let x = Tensor(shape: TensorShape(batch: 1, channels: 1, height: 2, width: 3), storage: [1, 5, 2, 4, 3, 6])
        #expect(MaxPooling.forward(x, pooling: Pooling(kernel: 2)).output.storage == [5])
        #expect(AveragePooling.forward(x, pooling: Pooling(kernel: 2, stride: 1)).storage == [3.25, 4])
        #expect(MaxPooling.forward(x, pooling: Pooling(kernel: 3, stride: 2, padding: 1)).output.storage == [5, 6])
        #expect(AveragePooling.forward(x, pooling: Pooling(kernel: 3, stride: 2, padding: 1)).storage == [3.25, 4])
        #expect(GlobalPooling.averageForward(x).storage == [3.5])
        #expect(GlobalPooling.maxForward(x).output.storage == [6])
        #expect(NearestUpsampling.forward(x, scale: 2).storage.prefix(6) == [1, 1, 5, 5, 2, 2])
    }

    @Test("global average and max pooling")
    func globalPooling() {
        let x = OpCheck.distinct(Self.shape, seed: 6)
        Self.expectPassed(OpCheck.input(x, forward: GlobalPooling.averageForward) { x, dy in
            GlobalPooling.averageBackward(outputGradient: dy, inputShape: x.shape)
        }, "gap")
        Self.expectPassed(OpCheck.input(x, forward: { GlobalPooling.maxForward($0).output }) { x, dy in
            GlobalPooling.maxBackward(outputGradient: dy, winners: GlobalPooling.maxForward(x).winners, inputShape: x.shape)
        }, "gmp")
    }

    @Test("nearest upsampling", arguments: [1, 2, 3])
    func upsample(scale: Int) {
        let x = OpCheck.tensor(Self.shape, seed: 7)
        Self.expectPassed(OpCheck.input(x, forward: { NearestUpsampling.forward($0, scale: scale) }) { x, dy in
            NearestUpsampling.backward(outputGradient: dy, scale: scale, inputShape: x.shape)
        }, "upsample \(scale)")
    }

    @Test("dropout with a fixed mask; inference-scale preserved in expectation")
    func dropout() {
        let x = OpCheck.tensor(Self.shape, seed: 8)
        let mask = Dropout.mask(count: x.count, rate: 0.3, seed: 42)
        #expect(mask.contains(0) && mask.contains { abs($0 - 1 / 0.7) < 1e-6 })
        #expect(mask == Dropout.mask(count: x.count, rate: 0.3, seed: 42))
        Self.expectPassed(OpCheck.input(x, forward: { Dropout.forward($0, mask: mask) }) { _, dy in
            Dropout.backward(outputGradient: dy, mask: mask)
        }, "dropout")
        let big = Dropout.mask(count: 100_000, rate: 0.3, seed: 1)
        let mean = big.reduce(0, +) / Float(big.count)
        #expect(abs(mean - 1) < 0.02)
    }

    @Test("linear layer: input, weight and bias")
    func linear() {
        let x = OpCheck.tensor(TensorShape(batch: 3, channels: 2, height: 2, width: 2), seed: 9)
        let outputs = 4
        let w = OpCheck.tensor(TensorShape(batch: 1, channels: outputs * 8), seed: 10).storage
        let b = OpCheck.tensor(TensorShape(batch: 1, channels: outputs), seed: 11).storage
        func grads(_ x: Tensor, _ dy: Tensor) -> (Tensor, [Float], [Float]) {
            var dw = [Float](repeating: 0, count: w.count)
            var db: [Float]? = [Float](repeating: 0, count: outputs)
            let dx = FullyConnected.backward(x, weight: w, outputGradient: dy, weightGradient: &dw, biasGradient: &db, needsInputGradient: true)!
            return (dx, dw, db!)
        }
        Self.expectPassed(OpCheck.input(x, forward: { FullyConnected.forward($0, weight: w, bias: b, outputs: outputs) }) { x, dy in grads(x, dy).0 }, "input")
        Self.expectPassed(OpCheck.parameter(w, forward: { FullyConnected.forward(x, weight: $0, bias: b, outputs: outputs) }) { grads(x, $0).1 }, "weight")
        Self.expectPassed(OpCheck.parameter(b, forward: { FullyConnected.forward(x, weight: w, bias: $0, outputs: outputs) }) { grads(x, $0).2 }, "bias")
    }

    /// Add (full, masked, asymmetric, placed), concat and slice are one placement op; its
    /// backward must hand each source exactly the gradient of its piece.
    @Test("add, concat and slice placement", arguments: [
        // (source widths, pieces as (lower, upper, offset), output width)
        ([3, 3], [(0, 3, 0), (0, 3, 0)], 3),               // residual add
        ([4, 4], [(0, 4, 0), (0, 2, 0)], 4),               // PRN masked add: shortcut onto half
        ([2, 5], [(0, 2, 0), (1, 3, 0)], 2),               // asymmetric: a slice of the wider tensor
        ([2, 2], [(0, 2, 2), (0, 2, 0)], 4),               // placed with destination offsets
        ([2, 3, 1], [(0, 2, 0), (0, 3, 2), (0, 1, 5)], 6), // concat
        ([5], [(1, 4, 0)], 3),                             // slice
    ])
    func placement(widths: [Int], raw: [(Int, Int, Int)], channels: Int) {
        let pieces = raw.map { ChannelPlacement.Piece(range: ChannelRange($0.0, $0.1), offset: $0.2) }
        let sources = widths.enumerated().map { OpCheck.tensor(TensorShape(batch: 2, channels: $1, height: 2, width: 3), seed: 20 + UInt64($0)) }
        for k in sources.indices {
            let report = OpCheck.input(sources[k], forward: { x in
                var all = sources
                all[k] = x
                return ChannelPlacement.forward(all, pieces: pieces, channels: channels)
            }) { x, dy in
                var dx = Tensor(zeros: x.shape)
                for (j, piece) in pieces.enumerated() where j == k {
                    ChannelPlacement.backward(outputGradient: dy, piece: piece, into: &dx)
                }
                return dx
            }
            Self.expectPassed(report, "source \(k) of \(raw)")
        }
    }

    @Test("softmax cross-entropy, including per-position logits")
    func crossEntropy() {
        for shape in [TensorShape(batch: 3, channels: 4), TensorShape(batch: 2, channels: 3, height: 2, width: 2)] {
            let x = OpCheck.tensor(shape, seed: 30)
            let labels = (0..<shape.batch).map { $0 % shape.channels }
            let (loss, probabilities, _) = SoftmaxCrossEntropy.forward(x, labels: labels)
            let dx = SoftmaxCrossEntropy.backward(probabilities: probabilities, labels: labels)
            let report = OpCheck.check.run(point: x.storage, analytic: dx.storage, indices: Array(0..<x.count)) {
                SoftmaxCrossEntropy.forward(Tensor(shape: shape, storage: $0), labels: labels).loss
            }
            Self.expectPassed(report, "cross-entropy \(shape)")
            #expect(loss > 0)
        }
        let uniform = Tensor(zeros: TensorShape(batch: 1, channels: 10))
        #expect(abs(SoftmaxCrossEntropy.forward(uniform, labels: [3]).loss - 2.302585) < 1e-5)
        let huge = Tensor(shape: TensorShape(batch: 1, channels: 2), storage: [1000, -1000])
        #expect(SoftmaxCrossEntropy.forward(huge, labels: [0]).loss.isFinite)
    }

    @Test("mean squared error against one-hot targets")
    func meanSquaredError() {
        let shape = TensorShape(batch: 2, channels: 3, height: 1, width: 2)
        let x = OpCheck.tensor(shape, seed: 31)
        let labels = [2, 0]
        let dx = MeanSquaredError.backward(x, labels: labels)
        let report = OpCheck.check.run(point: x.storage, analytic: dx.storage, indices: Array(0..<x.count)) {
            MeanSquaredError.forward(Tensor(shape: shape, storage: $0), labels: labels).loss
        }
        Self.expectPassed(report, "mse")
        let exact = Tensor(shape: TensorShape(batch: 1, channels: 2), storage: [0, 1])
        #expect(MeanSquaredError.forward(exact, labels: [1]).loss == 0)
    }
}
