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

/// The decimal-limb storage of ``PathCounts`` against `BigUInt` arithmetic.
struct PathCountsLimbTests {
    /// Tallies built by shifted additions, mirrored on a dictionary of `BigUInt`s.
    @Test("seeded shifted additions equal BigUInt sums, across limb carries and widenings")
    func seededAdditions() {
        var random = SeededGenerator(seed: 1_018)
        for _ in 0..<40 {
            var tallies = [PathCounts(single: 0)]
            var mirrors: [[Int: BigUInt]] = [[0: 1]]
            for _ in 0..<Int.random(in: 5...60, using: &random) {
                let (a, b) = (Int.random(in: 0..<tallies.count, using: &random), Int.random(in: 0..<tallies.count, using: &random))
                let shift = Int.random(in: 0...3, using: &random)
                var sum = tallies[a]
                sum.add(tallies[b], shiftedBy: shift)
                var mirror = mirrors[a]
                for (length, count) in mirrors[b] { mirror[length + shift, default: 0] += count }
                tallies.append(sum)
                mirrors.append(mirror)
            }
            for (tally, mirror) in zip(tallies, mirrors) {
                #expect(tally.entries.map(\.length) == mirror.keys.sorted())
                #expect(tally.entries.map(\.count) == mirror.keys.sorted().map { mirror[$0] ?? 0 })
                #expect(tally.total == mirror.values.reduce(0, +))
            }
        }
    }

    @Test("doubling 200 times carries through twelve limbs")
    func doubling() {
        var counts = PathCounts(single: 4)
        for _ in 0..<200 { counts.add(counts) }
        #expect(counts.entries.map(\.length) == [4])
        #expect(counts.total == BigUInt(1) << 200)
        counts.withLimbs { limbs, width in
            #expect(width == 4)  // 2^200 has 61 digits: four limbs of 18
            #expect(Array(limbs) == [993_782_792_835_301_376, 92_341_162_602_522_202, 44_258_990_275_541_962, 1_606_938])
        }
    }

    @Test("equal tallies built in different orders compare and hash equal")
    func canonical() {
        var big = PathCounts(single: 2)
        for _ in 0..<70 { big.add(big) }  // 2^70: two limbs
        var a = PathCounts(single: 1)
        a.add(big)
        var b = big
        b.add(PathCounts(single: 1))
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a.lengthRange == 1..<3)
        #expect(a.lengths == TimestampSet([1, 2]))
        #expect(PathCounts().total == 0 && PathCounts().entries.isEmpty && PathCounts().lengthRange.isEmpty)
    }
}
