import GPathIR
import GPathRuntime
import Testing

/// Convolution: forward against a direct six-loop reference, backward against finite
/// differences for input and weights, over kernel/stride/padding/dilation/groups.
@Suite("conv2d")
struct ConvolutionTests {
    static let cases: [ConvolutionGeometry] = [
        ConvolutionGeometry(inputChannels: 3, outputChannels: 4, kernel: 3, stride: 1, padding: 1, inputHeight: 5, inputWidth: 6),
        ConvolutionGeometry(inputChannels: 2, outputChannels: 3, kernel: 3, stride: 2, padding: 1, inputHeight: 7, inputWidth: 5),
        ConvolutionGeometry(inputChannels: 2, outputChannels: 2, kernel: 3, stride: 1, padding: 2, dilation: 2, inputHeight: 6, inputWidth: 6),
        ConvolutionGeometry(inputChannels: 4, outputChannels: 6, kernel: 3, stride: 1, padding: 1, groups: 2, inputHeight: 4, inputWidth: 4),
        ConvolutionGeometry(inputChannels: 4, outputChannels: 4, kernel: 1, stride: 1, padding: 0, groups: 4, inputHeight: 3, inputWidth: 3),
        ConvolutionGeometry(inputChannels: 3, outputChannels: 2, kernel: 1, stride: 2, padding: 0, inputHeight: 5, inputWidth: 5),
        ConvolutionGeometry(inputChannels: 1, outputChannels: 2, kernel: 5, stride: 3, padding: 0, inputHeight: 8, inputWidth: 9),
        // Per-axis windows: Inception's factorised 1×7 / 7×1, a 3×1 with stride 2×1, and a
        // 2×3 with every attribute different on the two axes.
        ConvolutionGeometry(inputChannels: 2, outputChannels: 3, kernel: AxisPair(height: 1, width: 7),
                            padding: AxisPair(height: 0, width: 3), inputHeight: 5, inputWidth: 9),
        ConvolutionGeometry(inputChannels: 2, outputChannels: 2, kernel: AxisPair(height: 7, width: 1),
                            padding: AxisPair(height: 3, width: 0), inputHeight: 8, inputWidth: 4),
        ConvolutionGeometry(inputChannels: 3, outputChannels: 2, kernel: AxisPair(height: 3, width: 1),
                            stride: AxisPair(height: 2, width: 1), padding: AxisPair(height: 1, width: 0), inputHeight: 7, inputWidth: 5),
        ConvolutionGeometry(inputChannels: 4, outputChannels: 4, kernel: AxisPair(height: 2, width: 3), stride: AxisPair(height: 1, width: 2),
                            padding: AxisPair(height: 1, width: 0), dilation: AxisPair(height: 2, width: 1), groups: 2,
                            inputHeight: 6, inputWidth: 9),
    ]

    /// y[n,o,i,j] = Σ_{c in group, ky, kx} w[o, c, ky, kx] · x[n, c, i·sy − py + ky·dy, j·sx − px + kx·dx].
    static func reference(_ x: Tensor, _ w: [Float], _ g: ConvolutionGeometry) -> Tensor {
        var y = Tensor(zeros: TensorShape(batch: x.shape.batch, channels: g.outputChannels, height: g.outputHeight, width: g.outputWidth))
        let cg = g.groupInputChannels
        for n in 0..<x.shape.batch {
            for o in 0..<g.outputChannels {
                let group = o / g.groupOutputChannels
                for i in 0..<g.outputHeight {
                    for j in 0..<g.outputWidth {
                        var sum: Float = 0
                        for c in 0..<cg {
                            for ky in 0..<g.kernel.height {
                                for kx in 0..<g.kernel.width {
                                    let iy = i * g.stride.height - g.padding.height + ky * g.dilation.height
                                    let ix = j * g.stride.width - g.padding.width + kx * g.dilation.width
                                    guard iy >= 0, iy < g.inputHeight, ix >= 0, ix < g.inputWidth else { continue }
                                    sum += w[((o * cg + c) * g.kernel.height + ky) * g.kernel.width + kx] * x[n, group * cg + c, iy, ix]
                                }
                            }
                        }
                        y[n, o, i, j] = sum
                    }
                }
            }
        }
        return y
    }

    static func inputs(_ g: ConvolutionGeometry, seed: UInt64) -> (Tensor, [Float]) {
        let x = OpCheck.tensor(TensorShape(batch: 2, channels: g.inputChannels, height: g.inputHeight, width: g.inputWidth), seed: seed)
        let w = OpCheck.tensor(TensorShape(batch: 1, channels: g.weightCount), seed: seed + 1).storage
        return (x, w)
    }

    @Test("forward equals the direct reference", arguments: cases.indices)
    func forward(index: Int) {
        let g = Self.cases[index]
        let (x, w) = Self.inputs(g, seed: UInt64(index))
        let y = Convolution2D.forward(x, weight: w, geometry: g, workspace: Workspace())
        let expected = Self.reference(x, w, g)
        #expect(y.shape == expected.shape)
        let worst = zip(y.storage, expected.storage).map { abs($0 - $1) }.max() ?? 0
        #expect(worst < 1e-5, "case \(index): max deviation \(worst)")
    }

    @Test("input and weight gradients match finite differences", arguments: cases.indices)
    func gradients(index: Int) {
        let g = Self.cases[index]
        let (x, w) = Self.inputs(g, seed: UInt64(10 + index))
        let workspace = Workspace()
        let inputReport = OpCheck.input(x, forward: { Convolution2D.forward($0, weight: w, geometry: g, workspace: workspace) }) { x, dy in
            var dw = [Float](repeating: 0, count: w.count)
            return Convolution2D.backward(x, weight: w, outputGradient: dy, geometry: g, weightGradient: &dw, needsInputGradient: true, workspace: workspace)!
        }
        #expect(inputReport.passed && inputReport.nonSmooth == 0, "case \(index) input: \(inputReport)")
        let weightReport = OpCheck.parameter(w, forward: { Convolution2D.forward(x, weight: $0, geometry: g, workspace: workspace) }) { dy in
            var dw = [Float](repeating: 0, count: w.count)
            _ = Convolution2D.backward(x, weight: w, outputGradient: dy, geometry: g, weightGradient: &dw, needsInputGradient: false, workspace: workspace)
            return dw
        }
        #expect(weightReport.passed && weightReport.nonSmooth == 0, "case \(index) weight: \(weightReport)")
    }

    @Test("parallel chunks: same values as serial, and bit-identical run to run", arguments: [0, 3])
    func parallel(index: Int) {
        var g = Self.cases[index]
        g.inputHeight = 12
        g.inputWidth = 12
        let x = OpCheck.tensor(TensorShape(batch: 7, channels: g.inputChannels, height: 12, width: 12), seed: 40)
        let w = OpCheck.tensor(TensorShape(batch: 1, channels: g.weightCount), seed: 41).storage
        func run(_ p: Parallelism) -> (Tensor, [Float], Tensor) {
            let workspace = Workspace()
            let y = Convolution2D.forward(x, weight: w, geometry: g, workspace: workspace, parallelism: p)
            var dw = [Float](repeating: 0, count: w.count)
            let dx = Convolution2D.backward(x, weight: w, outputGradient: y, geometry: g, weightGradient: &dw, needsInputGradient: true, workspace: workspace, parallelism: p)!
            return (y, dw, dx)
        }
        let serial = run(.serial)
        let parallel = run(Parallelism(workers: 3))
        let again = run(Parallelism(workers: 3))
        #expect(parallel.0 == again.0 && parallel.1 == again.1 && parallel.2 == again.2)
        #expect(parallel.0 == serial.0, "forward values do not depend on chunking")
        let worst = zip(parallel.1, serial.1).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
        #expect(worst < 1e-5, "weight gradient: relative deviation \(worst)")
        #expect(parallel.2 == serial.2, "input gradients are per sample")
    }
}
