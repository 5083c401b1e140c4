import GPathAnalysis
import GPathIR
import GPathTestSupport
import Testing

/// The timestamps level (``TimestampPass``: bit sets, no counts) against the full analysis,
/// and the memory estimate that chooses between them.
struct TimestampPassTests {
    @Test("every layer's timestamps and the input's path lengths equal the full analysis' (seeded random graphs, with and without mixing)",
          arguments: Array(UInt64(1)...100) + Array(UInt64(600)...659))
    func agreesWithFullAnalysis(seed: UInt64) throws {
        let graph = try #require(RandomGraphs.builder(seed: seed, mixing: seed >= 600).build().graph, "seed \(seed)")
        let full = GradientAnalysisPass().run(on: graph)
        let stamps = TimestampPass().run(on: graph)
        #expect(stamps.layers.map(\.name) == full.layers.map(\.name), "seed \(seed)")
        for (fast, layer) in zip(stamps.layers, full.layers) {
            #expect(fast.timestamps == layer.timestamps, "seed \(seed) layer \(layer.name): \(fast.timestamps.sorted) vs \(layer.timestamps.sorted)")
        }
        #expect(stamps.inputLengths == full.inputPaths.lengths, "seed \(seed)")
        #expect(stamps.totalTimestamps == full.layers.reduce(0) { $0 + $1.timestamps.count })
    }

    @Test("a shifted union equals inserting every element plus the shift (word boundaries included)", arguments: Array(UInt64(1)...40))
    func shiftedUnion(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let elements = (0..<Int(random.next() % 40)).map { _ in Int(random.next() % 300) }
        let existing = (0..<Int(random.next() % 20)).map { _ in Int(random.next() % 400) }
        let shift = Int(random.next() % 200)
        var set = TimestampSet(existing)
        set.formUnion(TimestampSet(elements), shiftedBy: shift)
        #expect(set == TimestampSet(existing + elements.map { $0 + shift }), "seed \(seed) shift \(shift)")
    }

    @Test("the memory estimate bounds Σ|T| from above and grows with depth: a 2,000-block residual chain's counts are thousands of bits")
    func memoryEstimate() throws {
        let graph = try #require(ResidualChain.builder(blocks: 2_000, channels: 4).build().graph)
        let estimate = AnalysisMemoryEstimate(graph: graph, paths: GradientPathPass().run(on: graph))
        let stamps = TimestampPass().run(on: graph)
        #expect(stamps.totalTimestamps <= estimate.timestampBound)
        // c0 is reached by 2^1999 paths of every length 1…2000.
        #expect(stamps.layers[0].timestamps == TimestampSet(1...2_000))
        #expect(estimate.countBits == 2_000)  // 2^1999 needs 2,000 bits
        #expect(estimate.fullBytes > 1_000_000_000 && estimate.timestampsBytes < 10_000_000)
    }

    @Test("progressions cover the set exactly, each maximal from its first element; table cells abbreviate large sets", arguments: Array(UInt64(1)...40))
    func progressions(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let set = TimestampSet((0..<Int(random.next() % 60)).map { _ in Int(random.next() % 120) })
        var expanded: [Int] = []
        for p in set.progressions {
            #expect(p.step >= 1 && p.first <= p.last && (p.last - p.first) % p.step == 0, "seed \(seed)")
            expanded += stride(from: p.first, through: p.last, by: p.step)
        }
        #expect(expanded == set.sorted, "seed \(seed)")
    }

    @Test("a residual chain's every-other-length set is one progression, and its table cell says so")
    func residualCell() {
        let set = TimestampSet(stride(from: 2, through: 6_000, by: 2))
        #expect(set.progressions.count == 1 && set.progressions[0] == (2, 6_000, 2))
        #expect(set.cellDescription() == "2..6000 by 2 (3000 values)")
        #expect(TimestampSet([1, 3, 4, 5, 9]).cellDescription() == "1,3..5,9")
    }
}
