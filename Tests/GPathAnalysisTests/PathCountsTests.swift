import BigInt
import GPathAnalysis
import GPathIR
import GPathTestSupport
import Testing

struct PathCountsTests {
    @Test("Veit's unraveled view: n one-layer residual modules give C(n, k) input paths of length k")
    func binomial() throws {
        for n in [1, 4, 8, 64] {
            let graph = try #require(ResidualChain.builder(blocks: n).build().graph)
            let analysis = GradientAnalysisPass().run(on: graph)
            var binomial = BigUInt(1)
            for k in 0...n {
                let count = analysis.inputPaths.entries.first { $0.length == k }?.count
                #expect(count == binomial, "n \(n) k \(k)")
                binomial = binomial * BigUInt(n - k) / BigUInt(k + 1)
            }
            #expect(analysis.inputPaths.total == BigUInt(1) << n)
        }
    }

    @Test("shifted addition aligns lengths")
    func addition() {
        var counts = PathCounts(single: 3)
        counts.add(PathCounts(single: 1), shiftedBy: 1)
        counts.add(PathCounts(single: 0))
        #expect(counts.entries.map(\.length) == [0, 2, 3])
        #expect(counts.total == 3)
    }

    @Test("timestamp sets print as runs")
    func compact() {
        #expect(TimestampSet([1, 2, 3, 5, 7, 8]).compactDescription == "1..3,5,7,8")
        #expect(TimestampSet([2, 4, 6]).compactDescription == "2,4,6")
        #expect(TimestampSet([130]).max == 130)
        #expect(TimestampSet([130, 3]).min == 3)
    }
}
