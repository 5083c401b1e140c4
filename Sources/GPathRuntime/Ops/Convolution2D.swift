import GPathIR

/// 2-D convolution (kernel, stride, padding, dilation, groups) through im2col and
/// `cblas_sgemm`, in chunks of samples processed in parallel.
///
/// Forward, per chunk of samples and group g: `Y_g = W_g · col_g(X)` with `W_g`
/// (out/groups × (in/groups)·k²) and `col_g` ((in/groups)·k² × samples·P), P = outH·outW.
/// Backward: `∂W_g += ∂Y_g · col_gᵀ` and `∂X += col2im(W_gᵀ · ∂Y_g)`.
///
/// A chunk holds about 2,048 output positions (whole samples), so its column matrix stays in
/// the core's cache while the GEMM reads it; chunks run on ``Parallelism`` workers, each GEMM
/// on one OpenBLAS thread. Each chunk writes its own samples of Y and ∂X; the weight gradient is
/// summed over chunks in chunk order, so results depend only on the batch and worker count.
public enum Convolution2D {
    /// Output positions per chunk the partition aims for.
    static let chunkColumns = 2_048

    /// Samples per chunk for `batch` samples of `plane` output positions on `workers` workers.
    static func chunkSize(batch: Int, plane: Int, workers: Int) -> Int {
        let byCache = max(1, chunkColumns / max(1, plane))
        let byWorkers = (batch + workers - 1) / workers
        return max(1, min(batch, byCache, byWorkers))
    }

    /// `y = conv(x, weight)`; `weight` is `[out, in/groups, k, k]`.
    public static func forward(
        _ x: Tensor, weight: [Float], geometry g: ConvolutionGeometry, workspace: Workspace,
        parallelism: Parallelism = .serial
    ) -> Tensor {
        let batch = x.shape.batch
        let plane = g.outputHeight * g.outputWidth
        let chunk = chunkSize(batch: batch, plane: plane, workers: parallelism.workers)
        let chunks = (batch + chunk - 1) / chunk
        // Every element of y is written below (by a GEMM or the reorder), so no zeroing pass.
        var y = Tensor(shape: TensorShape(batch: batch, channels: g.outputChannels, height: g.outputHeight, width: g.outputWidth)) { _ in }
        let cols = (0..<chunks).map { SharedPointer(workspace.buffer(2 * $0, count: g.columnRows * chunk * plane)) }
        let products = (0..<chunks).map { SharedPointer(workspace.buffer(2 * $0 + 1, count: g.outputChannels * chunk * plane)) }
        let inputSample = g.inputChannels * g.inputHeight * g.inputWidth
        let outputSample = g.outputChannels * plane
        x.storage.withUnsafeBufferPointer { xs in
            weight.withUnsafeBufferPointer { ws in
                y.storage.withUnsafeMutableBufferPointer { ys in
                    let (xp, wp, yp) = (SharedPointer(UnsafeMutablePointer(mutating: xs.baseAddress!)), SharedPointer(UnsafeMutablePointer(mutating: ws.baseAddress!)), SharedPointer(ys.baseAddress!))
                    parallelism.run(chunks) { c in
                        let first = c * chunk
                        let samples = min(chunk, batch - first)
                        let columns = samples * plane
                        let col = cols[c].base
                        // One sample: the product is already NCHW.
                        let product = samples == 1 ? yp.base + first * outputSample : products[c].base
                        for group in 0..<g.groups {
                            Im2Col.expand(xp.base + first * inputSample, batch: samples, geometry: g, firstChannel: group * g.groupInputChannels, into: col)
                            BLAS.gemm(
                                transposeA: false, transposeB: false, m: g.groupOutputChannels, n: columns, k: g.columnRows,
                                wp.base + group * g.groupOutputChannels * g.columnRows, lda: g.columnRows,
                                col, ldb: columns, beta: 0,
                                product + group * g.groupOutputChannels * columns, ldc: columns)
                        }
                        if samples > 1 {
                            ChannelMajor.scatter(product, channels: g.outputChannels, batch: samples, plane: plane, into: yp.base + first * outputSample)
                        }
                    }
                }
            }
        }
        return y
    }

    /// Adds the weight gradient to `weightGradient` and returns the input gradient (nil when
    /// `needsInputGradient` is false, which skips col2im and one GEMM per group).
    public static func backward(
        _ x: Tensor, weight: [Float], outputGradient dy: Tensor, geometry g: ConvolutionGeometry,
        weightGradient: inout [Float], needsInputGradient: Bool, workspace: Workspace,
        parallelism: Parallelism = .serial
    ) -> Tensor? {
        let batch = x.shape.batch
        let plane = g.outputHeight * g.outputWidth
        let chunk = chunkSize(batch: batch, plane: plane, workers: parallelism.workers)
        let chunks = (batch + chunk - 1) / chunk
        let inputSample = g.inputChannels * g.inputHeight * g.inputWidth
        let outputSample = g.outputChannels * plane
        let cols = (0..<chunks).map { SharedPointer(workspace.buffer(4 * $0, count: g.columnRows * chunk * plane)) }
        let products = (0..<chunks).map { SharedPointer(workspace.buffer(4 * $0 + 1, count: g.outputChannels * chunk * plane)) }
        let columnGradients = (0..<chunks).map { SharedPointer(workspace.buffer(4 * $0 + 2, count: needsInputGradient ? g.columnRows * chunk * plane : 1)) }
        let partials = (0..<chunks).map { SharedPointer(workspace.buffer(4 * $0 + 3, count: g.weightCount)) }
        var dx = needsInputGradient ? Tensor(zeros: x.shape) : nil
        func body(_ xp: SharedPointer<Float>, _ wp: SharedPointer<Float>, _ dyp: SharedPointer<Float>, _ dxBase: SharedPointer<Float>?) {
            parallelism.run(chunks) { c in
                let first = c * chunk
                let samples = min(chunk, batch - first)
                let columns = samples * plane
                let col = cols[c].base
                let partial = partials[c].base
                // One sample: ∂Y is already channel-major.
                let product = samples == 1 ? dyp.base + first * outputSample : products[c].base
                if samples > 1 {
                    ChannelMajor.gather(dyp.base + first * outputSample, channels: g.outputChannels, batch: samples, plane: plane, into: product)
                }
                for group in 0..<g.groups {
                    let firstChannel = group * g.groupInputChannels
                    let outputRows = product + group * g.groupOutputChannels * columns
                    Im2Col.expand(xp.base + first * inputSample, batch: samples, geometry: g, firstChannel: firstChannel, into: col)
                    BLAS.gemm(
                        transposeA: false, transposeB: true, m: g.groupOutputChannels, n: g.columnRows, k: columns,
                        outputRows, lda: columns, col, ldb: columns, beta: 0,
                        partial + group * g.groupOutputChannels * g.columnRows, ldc: g.columnRows)
                    guard let dxBase else { continue }
                    let columnGradient = columnGradients[c].base
                    BLAS.gemm(
                        transposeA: true, transposeB: false, m: g.columnRows, n: columns, k: g.groupOutputChannels,
                        wp.base + group * g.groupOutputChannels * g.columnRows, lda: g.columnRows,
                        outputRows, ldb: columns, beta: 0, columnGradient, ldc: columns)
                    Im2Col.accumulate(columnGradient, batch: samples, geometry: g, firstChannel: firstChannel, into: dxBase.base + first * inputSample)
                }
            }
        }
        x.storage.withUnsafeBufferPointer { xs in
            weight.withUnsafeBufferPointer { ws in
                dy.storage.withUnsafeBufferPointer { dys in
                    let xp = SharedPointer(UnsafeMutablePointer(mutating: xs.baseAddress!))
                    let wp = SharedPointer(UnsafeMutablePointer(mutating: ws.baseAddress!))
                    let dyp = SharedPointer(UnsafeMutablePointer(mutating: dys.baseAddress!))
                    if dx != nil {
                        dx!.storage.withUnsafeMutableBufferPointer { dxs in body(xp, wp, dyp, SharedPointer(dxs.baseAddress!)) }
                    } else {
                        body(xp, wp, dyp, nil)
                    }
                }
            }
        }
        // Σ over chunks in chunk order: the same sum whatever thread ran which chunk.
        weightGradient.withUnsafeMutableBufferPointer { dws in
            for c in 0..<chunks {
                let partial = partials[c].base
                for i in 0..<g.weightCount { dws[i] += partial[i] }
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

extension OpKernel {
    /// A convolution with its optional bias, folded norm and activation.
    static let convolution = OpKernel(
        kind: .convolution,
        compile: { request in
            guard let c = request.node.op.convolutionAttributes else { throw request.reject("not a convolution") }
            let geometry = request.geometry(c)
            return request.weighted(.convolution(geometry), weights: geometry.weightCount, fanIn: geometry.columnRows,
                                    bias: c.bias, normalized: c.normalized, activation: c.activation)
        },
        gradientCheck: .smooth)

    /// A weighted layer known only by its grouping runs as a 1×1 grouped convolution.
    static let layer = OpKernel(
        kind: .layer,
        compile: { request in
            let geometry = request.geometry(Convolution(kernel: 1, stride: 1, padding: 0, groups: request.node.op.groups))
            return request.weighted(.convolution(geometry), weights: geometry.weightCount, fanIn: geometry.columnRows,
                                    bias: false, normalized: false, activation: nil)
        },
        gradientCheck: .smooth)
}

extension KernelRequest {
    /// The geometry of convolution `c` over this node's assembled input (attributes were
    /// checked by the verifier and the shape plan).
    func geometry(_ c: Convolution) -> ConvolutionGeometry {
        ConvolutionGeometry(
            inputChannels: inputShape.channels, outputChannels: channels, kernel: c.kernel, stride: c.stride,
            padding: c.padding, dilation: c.dilation, groups: c.groups,
            inputHeight: inputShape.height, inputWidth: inputShape.width)
    }
}
