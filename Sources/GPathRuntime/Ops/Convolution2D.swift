/// 2-D convolution (kernel, stride, padding, dilation, groups) through im2col and one
/// `cblas_sgemm` per group over the whole batch.
///
/// Forward, per group g: `Y_g = W_g · col_g(X)` with `W_g` (out/groups × (in/groups)·k²) and
/// `col_g` ((in/groups)·k² × N·P). Backward: `∂W_g += ∂Y_g · col_gᵀ` and
/// `∂X += col2im(W_gᵀ · ∂Y_g)`. The product matrices are [channel][sample·P]; reordering them
/// to and from NCHW is a copy of contiguous planes.
public enum Convolution2D {
    /// `y = conv(x, weight)`; `weight` is `[out, in/groups, k, k]`.
    public static func forward(
        _ x: Tensor, weight: [Float], geometry g: ConvolutionGeometry, workspace: Workspace
    ) -> Tensor {
        let batch = x.shape.batch
        let plane = g.outputHeight * g.outputWidth
        let columns = batch * plane
        var y = Tensor(zeros: TensorShape(batch: batch, channels: g.outputChannels, height: g.outputHeight, width: g.outputWidth))
        let col = workspace.buffer(0, count: g.columnRows * columns)
        let product = workspace.buffer(1, count: g.outputChannels * columns)
        x.storage.withUnsafeBufferPointer { xs in
            weight.withUnsafeBufferPointer { ws in
                for group in 0..<g.groups {
                    Im2Col.expand(xs.baseAddress!, batch: batch, geometry: g, firstChannel: group * g.groupInputChannels, into: col)
                    BLAS.gemm(
                        transposeA: false, transposeB: false, m: g.groupOutputChannels, n: columns, k: g.columnRows,
                        ws.baseAddress! + group * g.groupOutputChannels * g.columnRows, lda: g.columnRows,
                        col, ldb: columns, beta: 0,
                        product + group * g.groupOutputChannels * columns, ldc: columns)
                }
            }
        }
        y.storage.withUnsafeMutableBufferPointer { ys in
            ChannelMajor.scatter(product, channels: g.outputChannels, batch: batch, plane: plane, into: ys.baseAddress!)
        }
        return y
    }

    /// Adds the weight gradient to `weightGradient` and returns the input gradient (nil when
    /// `needsInputGradient` is false, which skips col2im and one GEMM).
    public static func backward(
        _ x: Tensor, weight: [Float], outputGradient dy: Tensor, geometry g: ConvolutionGeometry,
        weightGradient: inout [Float], needsInputGradient: Bool, workspace: Workspace
    ) -> Tensor? {
        let batch = x.shape.batch
        let plane = g.outputHeight * g.outputWidth
        let columns = batch * plane
        let col = workspace.buffer(0, count: g.columnRows * columns)
        let product = workspace.buffer(1, count: g.outputChannels * columns)
        let columnGradient = workspace.buffer(2, count: needsInputGradient ? g.columnRows * columns : 1)
        dy.storage.withUnsafeBufferPointer { dys in
            ChannelMajor.gather(dys.baseAddress!, channels: g.outputChannels, batch: batch, plane: plane, into: product)
        }
        var dx = needsInputGradient ? Tensor(zeros: x.shape) : nil
        x.storage.withUnsafeBufferPointer { xs in
            weight.withUnsafeBufferPointer { ws in
                weightGradient.withUnsafeMutableBufferPointer { dws in
                    for group in 0..<g.groups {
                        let firstChannel = group * g.groupInputChannels
                        let outputRows = product + group * g.groupOutputChannels * columns
                        Im2Col.expand(xs.baseAddress!, batch: batch, geometry: g, firstChannel: firstChannel, into: col)
                        BLAS.gemm(
                            transposeA: false, transposeB: true, m: g.groupOutputChannels, n: g.columnRows, k: columns,
                            outputRows, lda: columns, col, ldb: columns, beta: 1,
                            dws.baseAddress! + group * g.groupOutputChannels * g.columnRows, ldc: g.columnRows)
                        guard dx != nil else { continue }
                        BLAS.gemm(
                            transposeA: true, transposeB: false, m: g.columnRows, n: columns, k: g.groupOutputChannels,
                            ws.baseAddress! + group * g.groupOutputChannels * g.columnRows, lda: g.columnRows,
                            outputRows, ldb: columns, beta: 0, columnGradient, ldc: columns)
                        dx!.storage.withUnsafeMutableBufferPointer { dxs in
                            Im2Col.accumulate(columnGradient, batch: batch, geometry: g, firstChannel: firstChannel, into: dxs.baseAddress!)
                        }
                    }
                }
            }
        }
        return dx
    }
}

/// Reorders between NCHW and channel-major `[C][N·P]` (the layout of GEMM products).
enum ChannelMajor {
    /// `[C][N·P]` → NCHW.
    static func scatter(_ source: UnsafePointer<Float>, channels: Int, batch: Int, plane: Int, into target: UnsafeMutablePointer<Float>) {
        for c in 0..<channels {
            for n in 0..<batch {
                (target + (n * channels + c) * plane).update(from: source + (c * batch + n) * plane, count: plane)
            }
        }
    }

    /// NCHW → `[C][N·P]`.
    static func gather(_ source: UnsafePointer<Float>, channels: Int, batch: Int, plane: Int, into target: UnsafeMutablePointer<Float>) {
        for c in 0..<channels {
            for n in 0..<batch {
                (target + (c * batch + n) * plane).update(from: source + (n * channels + c) * plane, count: plane)
            }
        }
    }
}
