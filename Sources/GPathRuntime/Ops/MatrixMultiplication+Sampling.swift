import GPathIR

/// The sampled product (``MatrixProduct/samplesSecond``, deformable attention), per sample.
///
/// a has K channels and P positions (a query's weights and offsets), b has N channels and M
/// positions (the values). The IR holds no sampling locations, so the runtime reads b at K
/// evenly spaced positions, loc(k) = ⌊k·M / K⌋, and weighs them by a:
///
///   out[n, p] = Σ_k a[k, p] · b[n, loc(k)]   — out (N×P) = G (N×K) · S_a (K×P), G[:, k] = S_b[:, loc(k)]
///   ∂S_a = Gᵀ · ∂out;  ∂G = ∂out · S_aᵀ, added into ∂S_b's column loc(k).
///
/// Gradient reaches every channel of a and channel n of b from output channel n, as the real
/// operator routes it; only where b is read differs.
extension MatrixMultiplication {
    /// The sampled positions of b: loc(k) = ⌊k·M / K⌋ for k < K.
    static func sampledPositions(count k: Int, of m: Int) -> [Int] {
        (0..<k).map { $0 * m / max(k, 1) }
    }

    /// G: b's columns at the sampled positions, N×K, for one sample.
    private static func gathered(_ b: UnsafePointer<Float>, channels: Int, positions m: Int, at locations: [Int]) -> [Float] {
        var g = [Float](repeating: 0, count: channels * locations.count)
        for n in 0..<channels {
            for (k, location) in locations.enumerated() { g[n * locations.count + k] = b[n * m + location] }
        }
        return g
    }

    static func sampledForward(_ a: Tensor, _ b: Tensor, parallelism: Parallelism) -> Tensor {
        let (k, p, channels, m) = (a.shape.channels, a.shape.plane, b.shape.channels, b.shape.plane)
        let locations = sampledPositions(count: k, of: m)
        let (aSize, bSize) = (a.shape.sampleSize, b.shape.sampleSize)
        return a.storage.withUnsafeBufferPointer { sa in
            b.storage.withUnsafeBufferPointer { sb in
                let (pa, pb) = (SharedPointer(UnsafeMutablePointer(mutating: sa.baseAddress!)), SharedPointer(UnsafeMutablePointer(mutating: sb.baseAddress!)))
                return Tensor(shape: TensorShape(batch: a.shape.batch, channels: channels, height: a.shape.height, width: a.shape.width)) { ys in
                    let target = SharedPointer(ys.baseAddress!)
                    parallelism.run(a.shape.batch) { n in
                        let g = gathered(pb.base + n * bSize, channels: channels, positions: m, at: locations)
                        g.withUnsafeBufferPointer { gs in
                            BLAS.gemm(transposeA: false, transposeB: false, m: channels, n: p, k: k,
                                      gs.baseAddress!, lda: k, pa.base + n * aSize, ldb: p, beta: 0, target.base + n * channels * p, ldc: p)
                        }
                    }
                }
            }
        }
    }

    static func sampledBackward(_ a: Tensor, _ b: Tensor, outputGradient dy: Tensor, parallelism: Parallelism) -> (a: Tensor, b: Tensor) {
        let (k, p, channels, m) = (a.shape.channels, a.shape.plane, b.shape.channels, b.shape.plane)
        let locations = sampledPositions(count: k, of: m)
        return perSample(a, b, dy, parallelism: parallelism) { an, bn, yn, dan, dbn in
            let g = gathered(bn, channels: channels, positions: m, at: locations)
            g.withUnsafeBufferPointer { gs in
                // ∂S_a (K×P) = Gᵀ (K×N) · ∂out (N×P).
                BLAS.gemm(transposeA: true, transposeB: false, m: k, n: p, k: channels,
                          gs.baseAddress!, lda: k, yn, ldb: p, beta: 0, dan, ldc: p)
            }
            // ∂G (N×K) = ∂out (N×P) · S_aᵀ (P×K), scattered into ∂S_b's columns.
            var dg = [Float](repeating: 0, count: channels * k)
            dg.withUnsafeMutableBufferPointer { dgs in
                BLAS.gemm(transposeA: false, transposeB: true, m: channels, n: k, k: p,
                          yn, lda: p, an, ldb: p, beta: 0, dgs.baseAddress!, ldc: k)
            }
            for c in 0..<channels {
                for (j, location) in locations.enumerated() { dbn[c * m + location] += dg[c * k + j] }
            }
        }
    }
}
