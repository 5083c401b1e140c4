import Dispatch

/// Runs independent iterations on up to `workers` threads.
///
/// Results never depend on scheduling: iteration i goes to worker i mod `workers`, and callers
/// partition work by index only, with each iteration writing only its own outputs (sums across
/// iterations are reduced afterwards in index order). So a fixed worker count gives bit-for-bit
/// identical numbers.
public struct Parallelism: Sendable, Equatable {
    public let workers: Int

    public init(workers: Int) { self.workers = max(1, workers) }

    public static let serial = Parallelism(workers: 1)

    public func run(_ iterations: Int, _ body: @Sendable (Int) -> Void) {
        if workers == 1 || iterations <= 1 {
            for i in 0..<iterations { body(i) }
            return
        }
        let lanes = min(workers, iterations)
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            for i in stride(from: lane, to: iterations, by: lanes) { body(i) }
        }
    }

    /// Splits `0..<count` into at most `workers` contiguous ranges (fixed by count and workers).
    public func ranges(_ count: Int, minimum: Int = 4_096) -> [Range<Int>] {
        let parts = max(1, min(workers, count / max(1, minimum)))
        return (0..<parts).map { p in (count * p / parts)..<(count * (p + 1) / parts) }
    }
}

/// A pointer shared with parallel iterations that write disjoint parts of it.
struct SharedPointer<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
    init(_ base: UnsafeMutablePointer<T>) { self.base = base }
}
