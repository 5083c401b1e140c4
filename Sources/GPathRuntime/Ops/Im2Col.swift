/// im2col and its adjoint col2im for one channel group of a batch.
///
/// The column matrix has one row per (input channel of the group, ky, kx) and one column per
/// (sample, output y, output x): `col[r][n·P + p]` with P = outH·outW, so one GEMM covers the
/// whole batch. Padding positions are zeros. col2im adds (`+=`) every column entry back onto
/// the input position it was read from, which makes it the exact transpose of im2col.
enum Im2Col {
    /// Fills `col` ((in/groups)·k² × N·P) from channels `[firstChannel, firstChannel + in/groups)`.
    static func expand(
        _ x: UnsafePointer<Float>, batch: Int, geometry g: ConvolutionGeometry, firstChannel: Int,
        into col: UnsafeMutablePointer<Float>
    ) {
        walk(batch: batch, geometry: g, firstChannel: firstChannel, col: col) { plane, dst, count in
            if let plane {
                dst.update(from: x + plane, count: count)
            } else {
                dst.update(repeating: 0, count: count)
            }
        } strided: { source, dst, stride, count in
            let src = x + source
            for i in 0..<count { dst[i] = src[i * stride] }
        }
    }

    /// Adds `col` back onto `dx` (the adjoint of ``expand``).
    static func accumulate(
        _ col: UnsafeMutablePointer<Float>, batch: Int, geometry g: ConvolutionGeometry, firstChannel: Int,
        into dx: UnsafeMutablePointer<Float>
    ) {
        walk(batch: batch, geometry: g, firstChannel: firstChannel, col: col) { plane, src, count in
            if let plane {
                let dst = dx + plane
                for i in 0..<count { dst[i] += src[i] }
            }
        } strided: { target, src, stride, count in
            let dst = dx + target
            for i in 0..<count { dst[i * stride] += src[i] }
        }
    }

    /// Visits every (row, sample, output row) segment of the column matrix: `contiguous` gets
    /// runs that map to consecutive input elements (or nil for padding), `strided` runs whose
    /// input elements are `stride` apart.
    @inline(__always)
    private static func walk(
        batch: Int, geometry g: ConvolutionGeometry, firstChannel: Int, col: UnsafeMutablePointer<Float>,
        contiguous: (Int?, UnsafeMutablePointer<Float>, Int) -> Void,
        strided: (Int, UnsafeMutablePointer<Float>, Int, Int) -> Void
    ) {
        let (h, w) = (g.inputHeight, g.inputWidth)
        let (kh, kw, sy, sx) = (g.kernel.height, g.kernel.width, g.stride.height, g.stride.width)
        let (py, px, dy, dx) = (g.padding.height, g.padding.width, g.dilation.height, g.dilation.width)
        let (outH, outW) = (g.outputHeight, g.outputWidth)
        let plane = outH * outW
        let columns = batch * plane
        if g.kernel == 1, g.stride == 1, g.padding == 0 {
            // A 1×1 convolution's columns are its input planes: one run per (channel, sample).
            for c in 0..<g.groupInputChannels {
                for n in 0..<batch {
                    contiguous(((n * g.inputChannels) + firstChannel + c) * plane, col + c * columns + n * plane, plane)
                }
            }
            return
        }
        for c in 0..<g.groupInputChannels {
            for ky in 0..<kh {
                for kx in 0..<kw {
                    let row = (c * kh + ky) * kw + kx
                    let rowStart = col + row * columns
                    let offsetY = ky * dy - py
                    let offsetX = kx * dx - px
                    // Output columns whose input x = ox·sx + offsetX falls inside [0, w).
                    let low = offsetX >= 0 ? 0 : min(outW, (-offsetX + sx - 1) / sx)
                    let high = w - 1 - offsetX < 0 ? 0 : min(outW, (w - 1 - offsetX) / sx + 1)
                    for n in 0..<batch {
                        let inputPlane = ((n * g.inputChannels) + firstChannel + c) * h * w
                        for oy in 0..<outH {
                            let segment = rowStart + n * plane + oy * outW
                            let iy = oy * sy + offsetY
                            guard iy >= 0, iy < h, low < high else {
                                contiguous(nil, segment, outW)
                                continue
                            }
                            if low > 0 { contiguous(nil, segment, low) }
                            let first = inputPlane + iy * w + low * sx + offsetX
                            if sx == 1 {
                                contiguous(first, segment + low, high - low)
                            } else {
                                strided(first, segment + low, sx, high - low)
                            }
                            if high < outW { contiguous(nil, segment + high, outW - high) }
                        }
                    }
                }
            }
        }
    }
}
