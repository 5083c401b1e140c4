import COpenBLAS

/// The few OpenBLAS entry points the runtime uses.
///
/// Matrices are row-major. OpenBLAS keeps a process-wide thread pool: ``setThreads(_:)`` fixes
/// its size, and for a fixed size the partition of every product is fixed, so results are
/// bit-for-bit repeatable.
public enum BLAS {
    /// `C ← α·op(A)·op(B) + β·C` with `op(A)` M×K, `op(B)` K×N, C M×N (row-major, leading
    /// dimensions given).
    @inlinable
    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
        _ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>, ldb: Int,
        beta: Float, _ c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        guard m > 0, n > 0 else { return }
        if k == 0 {
            if beta == 0 {
                for row in 0..<m { (c + row * ldc).update(repeating: 0, count: n) }
            }
            return
        }
        cblas_sgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// Sets OpenBLAS's thread count (≥ 1).
    public static func setThreads(_ count: Int) {
        openblas_set_num_threads(Int32(max(1, count)))
    }

    /// OpenBLAS's current thread count.
    public static var threads: Int { Int(openblas_get_num_threads()) }

    /// Stops OpenBLAS's worker threads until a product needs them. The pool starts when the
    /// library loads and each worker spins for about 0.1 s waiting for work, taking a core
    /// from a command that never multiplies a matrix; OpenBLAS starts the pool again on its
    /// first threaded call, with the same thread count.
    public static func stopThreadPoolUntilNeeded() {
        _ = blas_thread_shutdown_()
    }

    /// The core type to request with `OPENBLAS_CORETYPE` (which OpenBLAS reads when it loads),
    /// or nil when the detected one is right.
    ///
    /// OpenBLAS 0.3.21 (Debian 12) does not recognise recent Xeons (Sapphire Rapids reports
    /// itself as a generic "Intel(R) Xeon(R) Processor") and falls back to its SSE3 `Prescott`
    /// kernels: sgemm runs at 15 instead of 65–100 GFLOP/s. `cpuFlags` are the CPU's feature
    /// flags (`/proc/cpuinfo`'s `flags` line).
    public static func recommendedCoreType(cpuFlags: Set<String>, detected: String) -> String? {
        let fallbacks: Set<String> = ["Prescott", "Katmai", "Coppermine", "Northwood", "Banias", "Core2", "Penryn", "Dunnington", "Nehalem", "Sandybridge", "unknown"]
        guard fallbacks.contains(detected) else { return nil }
        if cpuFlags.isSuperset(of: ["avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512cd"]) { return "SkylakeX" }
        if cpuFlags.isSuperset(of: ["avx2", "fma"]) { return "Haswell" }
        return nil
    }

    /// The CPU kernel OpenBLAS picked (`Haswell`, `Cooperlake`…).
    public static var coreName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }
}
