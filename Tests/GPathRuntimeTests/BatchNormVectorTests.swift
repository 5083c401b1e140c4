@testable import GPathRuntime
import GPathIR
import Testing

/// Batch norm's vectorised passes: planes long enough for the SIMD loops, with tails, against
/// finite differences and against the unfolded ReLU → norm backward.
struct BatchNormVectorTests {
    /// Planes of 63 and 40 positions: two 16-lane blocks and a tail, or a 32-lane block and a tail.
    static let shapes = [TensorShape(batch: 2, channels: 3, height: 7, width: 9), TensorShape(batch: 3, channels: 2, height: 5, width: 8)]

    @Test("the sums equal a Double reference to float rounding, on lengths around the lane blocks", arguments: [1, 15, 16, 17, 31, 32, 33, 63, 64, 100])
    func sums(count: Int) {
        let x = OpCheck.tensor(TensorShape(batch: 1, channels: 1, height: 1, width: count), seed: UInt64(count)).storage
        let g = OpCheck.tensor(TensorShape(batch: 1, channels: 1, height: 1, width: count), seed: UInt64(count) + 99).storage
        let center: Float = 0.25
        let mask = x.map { -$0 }
        x.withUnsafeBufferPointer { xs in
            g.withUnsafeBufferPointer { gs in
                mask.withUnsafeBufferPointer { ms in
                    let sum = VectorReduction.sum(xs.baseAddress!, count)
                    let squares = VectorReduction.squaredDeviations(xs.baseAddress!, count, center: center)
                    let (gSum, dot) = VectorReduction.sumAndCenteredDot(gs.baseAddress!, xs.baseAddress!, count, center: center, mask: ms.baseAddress!)
                    let passed = (0..<count).filter { mask[$0] > 0 }
                    let expected = (
                        sum: x.reduce(0.0) { $0 + Double($1) },
                        squares: x.reduce(0.0) { $0 + Double($1 - center) * Double($1 - center) },
                        gSum: passed.reduce(0.0) { $0 + Double(g[$1]) },
                        dot: passed.reduce(0.0) { $0 + Double(g[$1]) * Double(x[$1] - center) })
                    #expect(abs(Double(sum) - expected.sum) < 1e-4)
                    #expect(abs(Double(squares) - expected.squares) < 1e-4)
                    #expect(abs(Double(gSum) - expected.gSum) < 1e-4)
                    #expect(abs(Double(dot) - expected.dot) < 1e-4)
                }
            }
        }
    }

    @Test("training-mode norm on long planes passes finite differences (input, scale, shift)", arguments: shapes.indices)
    func finiteDifferences(index: Int) {
        let shape = Self.shapes[index]
        let x = OpCheck.tensor(shape, seed: 5)
        let scale = (0..<shape.channels).map { Float($0) * 0.4 + 0.6 }
        let shift = (0..<shape.channels).map { Float($0) * 0.1 - 0.1 }
        func forward(_ x: Tensor, _ scale: [Float], _ shift: [Float]) -> Tensor {
            var running = BatchNormalization.RunningStatistics(channels: shape.channels)
            return BatchNormalization.forwardTraining(x, scale: scale, shift: shift, running: &running).output
        }
        func gradients(_ dy: Tensor) -> (input: Tensor, scale: [Float], shift: [Float]) {
            var running = BatchNormalization.RunningStatistics(channels: shape.channels)
            let stats = BatchNormalization.forwardTraining(x, scale: scale, shift: shift, running: &running).statistics
            return BatchNormalization.backward(x, outputGradient: dy, scale: scale, statistics: stats, trainingMode: true)
        }
        OpGradientTests.expectPassed(OpCheck.input(x, forward: { forward($0, scale, shift) }) { _, dy in gradients(dy).input }, "input")
        OpGradientTests.expectPassed(OpCheck.parameter(scale, forward: { forward(x, $0, shift) }) { gradients($0).scale }, "scale")
        OpGradientTests.expectPassed(OpCheck.parameter(shift, forward: { forward(x, scale, $0) }) { gradients($0).shift }, "shift")
    }

    @Test("a ReLU folded into the norm's backward gives exactly the ReLU's backward followed by the norm's", arguments: shapes.indices)
    func foldedReLU(index: Int) {
        let shape = Self.shapes[index]
        let x = OpCheck.tensor(shape, seed: 7)
        let dy = OpCheck.tensor(shape, seed: 8)
        let scale = [Float](repeating: 1.3, count: shape.channels)
        let shift = [Float](repeating: -0.2, count: shape.channels)
        var running = BatchNormalization.RunningStatistics(channels: shape.channels)
        let (normalized, statistics) = BatchNormalization.forwardTraining(x, scale: scale, shift: shift, running: &running)
        let masked = ActivationFunction.backward(.relu, input: normalized, outputGradient: dy)
        let separate = BatchNormalization.backward(x, outputGradient: masked, scale: scale, statistics: statistics, trainingMode: true)
        let folded = BatchNormalization.backward(x, outputGradient: dy, scale: scale, statistics: statistics, trainingMode: true, reluInput: normalized)
        #expect(folded.input == separate.input)
        #expect(folded.scale == separate.scale && folded.shift == separate.shift)
        // The mask matters: some normalised values are negative, so the plain backward differs.
        let unmasked = BatchNormalization.backward(x, outputGradient: dy, scale: scale, statistics: statistics, trainingMode: true)
        #expect(unmasked.input != folded.input)
    }
}
