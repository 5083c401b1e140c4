/// Sums over runs of floats with independent SIMD accumulators, in a fixed order.
///
/// A scalar `s += x[i]` loop is one chain of dependent additions (the compiler may not
/// reorder float sums), so it runs at the adder's latency, not its throughput: batch norm's
/// statistics and gradients spent most of their time waiting on it. Here 32 lanes accumulate
/// side by side and are added up at the end — a different but equally deterministic order:
/// the same inputs give the same sum on every run and thread count.
enum VectorReduction {
    private typealias Lanes = SIMD16<Float>

    /// Σ x[i].
    @inline(__always)
    static func sum(_ x: UnsafePointer<Float>, _ count: Int) -> Float {
        var (a, b) = (Lanes(), Lanes())
        var i = 0
        let raw = UnsafeRawPointer(x)
        while i + 32 <= count {
            a += raw.loadUnaligned(fromByteOffset: i * 4, as: Lanes.self)
            b += raw.loadUnaligned(fromByteOffset: (i + 16) * 4, as: Lanes.self)
            i += 32
        }
        var total = (a + b).sum()
        while i < count {
            total += x[i]
            i += 1
        }
        return total
    }

    /// Σ (x[i] − center)².
    @inline(__always)
    static func squaredDeviations(_ x: UnsafePointer<Float>, _ count: Int, center: Float) -> Float {
        var (a, b) = (Lanes(), Lanes())
        let c = Lanes(repeating: center)
        var i = 0
        let raw = UnsafeRawPointer(x)
        while i + 32 <= count {
            let u = raw.loadUnaligned(fromByteOffset: i * 4, as: Lanes.self) - c
            let v = raw.loadUnaligned(fromByteOffset: (i + 16) * 4, as: Lanes.self) - c
            a += u * u
            b += v * v
            i += 32
        }
        var total = (a + b).sum()
        while i < count {
            let d = x[i] - center
            total += d * d
            i += 1
        }
        return total
    }

    /// (Σ g[i], Σ g[i]·(x[i] − center)), where g[i] is `gradient[i]`, or 0 where a `mask` is
    /// given and `mask[i] ≤ 0` (a ReLU after the values: its gradient passes where its input
    /// was positive).
    @inline(__always)
    static func sumAndCenteredDot(
        _ gradient: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ count: Int, center: Float,
        mask: UnsafePointer<Float>?
    ) -> (sum: Float, dot: Float) {
        var (s, d) = (Lanes(), Lanes())
        let c = Lanes(repeating: center)
        var i = 0
        let (rawG, rawX) = (UnsafeRawPointer(gradient), UnsafeRawPointer(x))
        if let mask {
            let rawM = UnsafeRawPointer(mask)
            while i + 16 <= count {
                let m = rawM.loadUnaligned(fromByteOffset: i * 4, as: Lanes.self)
                let g = Lanes.zero.replacing(with: rawG.loadUnaligned(fromByteOffset: i * 4, as: Lanes.self), where: m .> 0)
                s += g
                d += g * (rawX.loadUnaligned(fromByteOffset: i * 4, as: Lanes.self) - c)
                i += 16
            }
        } else {
            while i + 16 <= count {
                let g = rawG.loadUnaligned(fromByteOffset: i * 4, as: Lanes.self)
                s += g
                d += g * (rawX.loadUnaligned(fromByteOffset: i * 4, as: Lanes.self) - c)
                i += 16
            }
        }
        var (sum, dot) = (s.sum(), d.sum())
        while i < count {
            let g = mask.map { $0[i] > 0 ? gradient[i] : 0 } ?? gradient[i]
            sum += g
            dot += g * (x[i] - center)
            i += 1
        }
        return (sum, dot)
    }
}
