@testable import GPathRuntime
import GPathIR
import Testing

/// The oneDNN convolution against the im2col + GEMM one (``Convolution2D``) on geometries that
/// exercise its layouts: strides, padding that a stride leaves unread, dilation, groups, 1×1,
/// three input channels, odd planes.
struct DNNLConvolutionTests {
    static let geometries: [ConvolutionGeometry] = [
        ConvolutionGeometry(inputChannels: 16, outputChannels: 16, kernel: 3, stride: 1, padding: 1, inputHeight: 12, inputWidth: 12),
        ConvolutionGeometry(inputChannels: 3, outputChannels: 16, kernel: 3, stride: 1, padding: 1, inputHeight: 9, inputWidth: 11),
        ConvolutionGeometry(inputChannels: 16, outputChannels: 32, kernel: 3, stride: 2, padding: 1, inputHeight: 10, inputWidth: 10),
        ConvolutionGeometry(inputChannels: 16, outputChannels: 32, kernel: 1, stride: 2, padding: 0, inputHeight: 10, inputWidth: 10),
        ConvolutionGeometry(inputChannels: 24, outputChannels: 12, kernel: 1, stride: 1, padding: 0, inputHeight: 7, inputWidth: 7),
        ConvolutionGeometry(inputChannels: 8, outputChannels: 8, kernel: 3, stride: 1, padding: 2, dilation: 2, inputHeight: 9, inputWidth: 9),
        ConvolutionGeometry(inputChannels: 8, outputChannels: 12, kernel: 3, stride: 1, padding: 1, groups: 4, inputHeight: 6, inputWidth: 8),
        ConvolutionGeometry(inputChannels: 12, outputChannels: 10, kernel: 5, stride: 3, padding: 2, inputHeight: 13, inputWidth: 11),
    ]

    static func close(_ a: [Float], _ b: [Float]) -> Bool {
        guard a.count == b.count else { return false }
        let scale = max(1, b.map(abs).max() ?? 0)
        return zip(a, b).allSatisfy { abs($0 - $1) <= 1e-4 * scale }
    }

    @Test("forward, ∂W and ∂X equal the im2col + GEMM convolution's", arguments: geometries.indices)
    func agreesWithIm2Col(index: Int) throws {
        let g = Self.geometries[index]
        let batch = 3
        let x = OpCheck.tensor(TensorShape(batch: batch, channels: g.inputChannels, height: g.inputHeight, width: g.inputWidth), seed: UInt64(index))
        let weight = OpCheck.tensor(TensorShape(batch: 1, channels: g.weightCount), seed: UInt64(index) + 50).storage
        let dy = OpCheck.tensor(TensorShape(batch: batch, channels: g.outputChannels, height: g.outputHeight, width: g.outputWidth), seed: UInt64(index) + 100)
        let workspace = Workspace()
        let expectedY = Convolution2D.forward(x, weight: weight, geometry: g, workspace: workspace)
        var expectedDW = [Float](repeating: 0, count: g.weightCount)
        let expectedDX = try #require(Convolution2D.backward(x, weight: weight, outputGradient: dy, geometry: g, weightGradient: &expectedDW, needsInputGradient: true, workspace: workspace))

        let fast = try #require(DNNLConvolution(geometry: g, batch: batch), "oneDNN offers no convolution for geometry \(index)")
        var y = [Float](repeating: .nan, count: expectedY.count)
        var dw = [Float](repeating: .nan, count: g.weightCount)
        var dx = [Float](repeating: .nan, count: x.count)
        x.storage.withUnsafeBufferPointer { xs in
            weight.withUnsafeBufferPointer { ws in
                dy.storage.withUnsafeBufferPointer { dys in
                    y.withUnsafeMutableBufferPointer { fast.forward(xs.baseAddress!, weight: ws.baseAddress!, into: $0.baseAddress!, workspace: workspace) }
                    dw.withUnsafeMutableBufferPointer { dws in
                        dx.withUnsafeMutableBufferPointer { dxs in
                            fast.backward(input: xs.baseAddress!, weight: ws.baseAddress!, outputGradient: dys.baseAddress!,
                                          weightGradient: dws.baseAddress!, inputGradient: dxs.baseAddress!, workspace: workspace)
                        }
                    }
                }
            }
        }
        #expect(Self.close(y, expectedY.storage), "forward, geometry \(index)")
        #expect(Self.close(dw, expectedDW), "∂W, geometry \(index)")
        #expect(Self.close(dx, expectedDX.storage), "∂X, geometry \(index)")
    }
}
